package org.caremap.portal.internal;

import java.util.Optional;
import java.util.UUID;

import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.PortalSubjects;
import org.caremap.portal.PortalAccounts;
import org.springframework.stereotype.Component;

/**
 * Who a portal account is now, for SMART patient apps (the authorization server when it issues a token, the FHIR
 * API on every request with one): the principal of an active account, as a sign-in makes it.
 */
@Component
class PortalAppsSubjects implements PortalSubjects {

	private final PortalAccounts accounts;

	PortalAppsSubjects(PortalAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Optional<PortalPrincipal> active(UUID accountId) {
		return accounts.principal(accountId);
	}
}
