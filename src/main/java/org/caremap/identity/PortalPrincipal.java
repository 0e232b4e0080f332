package org.caremap.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Someone signed in to the patient portal (or holding a SMART patient token): the patient themselves, or a proxy
 * from the patient's support network. A separate realm from staff ({@link CurrentUser}): a portal principal never
 * carries a staff role, and the staff pages refuse it. Which parts of the record a proxy may see is read from the
 * patient's current choice at every request (the portal module's access rule), never cached here, so that a
 * revocation takes effect at once.
 *
 * @param accountId the portal account
 * @param displayName the person's name, for pages and the audit trail
 * @param patient whose record this principal may see (their own, or their principal's)
 * @param supportContact for a proxy, the support-network contact they are; null for the patient themselves
 */
public record PortalPrincipal(UUID accountId, String displayName, PatientId patient, @Nullable UUID supportContact)
		implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The authority every portal session and patient token carries (and no staff session does). */
	public static final String AUTHORITY = "ROLE_PORTAL";

	public boolean proxy() {
		return supportContact != null;
	}

	/** The name the audit trail records for this principal's actions. */
	public String auditName() {
		return "portal:" + accountId;
	}

	/** The portal principal of this request, if the request is a portal one. */
	public static Optional<PortalPrincipal> get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof PortalPrincipal principal) return Optional.of(principal);
		return Optional.empty();
	}
}
