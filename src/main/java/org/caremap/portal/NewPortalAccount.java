package org.caremap.portal;

import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An account to open, active at once, for the patient ({@code supportContact} null) or for one of their
 * support-network contacts (a proxy).
 *
 * @param login what the person types to sign in (kept in lower case)
 * @param displayName the person's name, as pages show it
 * @param password their password (the staff password policy applies)
 */
public record NewPortalAccount(PatientId patient, @Nullable UUID supportContact, String login, String displayName,
		String password) {
}
