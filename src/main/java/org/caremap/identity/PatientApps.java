package org.caremap.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * SMART patient apps as their patient sees them (the portal's consent and "connected apps" pages): what an app
 * asks for, which apps the signed-in patient has approved, and taking an approval back (its tokens stop at once,
 * its refresh tokens no longer work). Only a portal principal (never a proxy) acts here, and only on their own
 * approvals; every approval and revocation is audited.
 */
public interface PatientApps {

	/** A registered patient app, as the consent page describes it. */
	record PatientApp(String clientId, String name, String description, List<String> scopes) {
	}

	/** An app the patient approved. */
	record ApprovedApp(String clientId, String name, String description, List<String> scopes, Instant approvedAt,
			Instant expiresAt, @Nullable Instant lastUsedAt) {
	}

	/** The patient app with this client id, if it is registered, not revoked, and a patient app. */
	Optional<PatientApp> describe(String clientId);

	/** The apps the signed-in patient has approved and not taken back, newest first (expired ones are left out). */
	List<ApprovedApp> approved();

	/** Takes back the signed-in patient's approval of this app; nothing happens if there is none. */
	void revoke(String clientId);

	/** How long an approval lasts before the app must ask again. */
	Duration approvalLifetime();

	/**
	 * The portal principal a patient-app token acts for, checked afresh: the token's approval is still in force
	 * (not taken back, not expired), the account is active and is the patient's own (not a proxy's), and it is the
	 * patient the token was issued for. Empty when any of these fails. For the FHIR API.
	 */
	Optional<PortalPrincipal> tokenPrincipal(String subject, String clientId, @Nullable String patient);
}
