package org.caremap.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Who a portal account is now (SPI, implemented by the portal module, which keeps the accounts): the principal of
 * an account that may still sign in, or empty when the account is revoked, locked or unknown. The authorization
 * server asks it when it issues a token for a SMART patient app, and the FHIR API on every request with such a
 * token, so that a revoked account's apps stop at once.
 */
public interface PortalSubjects {

	Optional<PortalPrincipal> active(UUID accountId);
}
