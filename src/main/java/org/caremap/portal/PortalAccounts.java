package org.caremap.portal;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.PortalPrincipal;

/**
 * The portal's accounts: opening one (those who may change the patient's registration, or Caremap itself), and what
 * a signed-in portal principal may see right now.
 */
public interface PortalAccounts {

	/**
	 * Opens an active account with a password (tests, the demo, and an accepted invitation). Refused when the
	 * person already has an account that is not revoked, the login is taken, or the password breaks the policy
	 * ({@link org.caremap.shared.DomainException} with the rule's message key).
	 */
	UUID create(NewPortalAccount account);

	/** Whether this sign-in name belongs to an account (any state but revoked, whose name is freed). */
	boolean loginTaken(String login);

	/** The portal sections this principal may see now (empty when the account is no longer active). */
	Set<PortalSection> sections(PortalPrincipal principal);

	/** Whether this account is told by e-mail when the care team writes (no patient details; on unless turned off). */
	boolean messageNotices(PortalPrincipal principal);

	/** Turns the e-mail notice of new messages on or off for the principal's own account (audited). */
	void messageNotices(PortalPrincipal principal, boolean on);

	/** The principal of an active account (as a sign-in makes it), for tests and tokens. */
	Optional<PortalPrincipal> principal(UUID account);

	/** The principal of the active account with this sign-in name (the demo's set-up, tests). */
	Optional<PortalPrincipal> principalOf(String login);
}
