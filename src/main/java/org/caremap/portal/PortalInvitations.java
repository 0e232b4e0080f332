package org.caremap.portal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.identity.PortalPrincipal;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Inviting people to the portal, their accepting, staff revoking, and the second factor. The case manager (those who
 * may change the registration: REGISTER) invites the patient or a support-network contact by an e-mailed link or a
 * printed one-time code; the code is kept hashed, expires ({@link #VALID_FOR_DAYS} days) and is used once. The
 * invitee chooses their sign-in name and password (the staff password policy). Every step is audited.
 */
public interface PortalInvitations {

	int VALID_FOR_DAYS = 7;

	enum Channel {
		EMAIL, PRINTED
	}

	/** A new invitation: the code is shown (printed) or e-mailed once, and never again. */
	record Invitation(UUID account, UUID invitation, Channel channel, String code, Instant expiresAt) {
	}

	/** The portal accounts of the patient and of their contacts, not revoked ones first (READ). */
	List<PortalAccountView> ofPatient(PatientId patient);

	/**
	 * Invites the patient ({@code contact} null) or a contact: the person's invited account (made now, or the one
	 * already waiting), and a new invitation replacing any earlier unused one. For {@link Channel#EMAIL} the link
	 * is e-mailed to {@code email} in this language. Refused when the person already has an active account.
	 */
	Invitation invite(PatientId patient, @Nullable UUID contact, String displayName, Channel channel,
			@Nullable String email, Locale language);

	/** Ends an account (invited or active) and its unused invitations; its sessions lose access at the next request. */
	void revoke(PatientId patient, UUID account);

	/**
	 * Accepts an invitation: the code (typed or from the link) must be unused and unexpired; the person's chosen
	 * sign-in name must be free and the password must follow the policy (DomainException with the message key).
	 * Returns the account, now active.
	 */
	UUID accept(String code, String login, String password, @Nullable String address);

	/** A new second-factor secret (base32) and the otpauth:// address an authenticator app reads. */
	record TotpSetup(String secret, String uri) {
	}

	TotpSetup newTotp(PortalPrincipal principal);

	/** Turns the second factor on once the person typed a code their app shows for this secret. */
	boolean enableTotp(PortalPrincipal principal, String secret, String code);

	/**
	 * Turns the second factor off (the person's own choice, with their password). A wrong password counts like a
	 * failed sign-in from the address and in the account's run (the lockout); refused while the address is throttled
	 * or the account locked.
	 */
	boolean disableTotp(PortalPrincipal principal, String password, @Nullable String address);

	/** Whether this principal's account asks for a code at sign-in. */
	boolean hasTotp(PortalPrincipal principal);
}
