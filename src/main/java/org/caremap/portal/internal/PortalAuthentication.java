package org.caremap.portal.internal;

import java.io.Serial;
import java.util.List;

import org.caremap.identity.PortalPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in portal session: the principal is a {@link PortalPrincipal}, the name is its audit name, and the only
 * authority is {@link PortalPrincipal#AUTHORITY} (never a staff role).
 */
final class PortalAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final PortalPrincipal principal;

	PortalAuthentication(PortalPrincipal principal) {
		super(List.of(new SimpleGrantedAuthority(PortalPrincipal.AUTHORITY)));
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public PortalPrincipal getPrincipal() {
		return principal;
	}

	@Override
	public String getName() {
		return principal.auditName();
	}
}
