package org.caremap.identity;

import java.io.Serial;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in portal session: the principal is a {@link PortalPrincipal}, the name is its audit name, and the only
 * authority is {@link PortalPrincipal#AUTHORITY} (never a staff role). The one shape of a portal principal's
 * authentication, whether it comes from the portal's sign-in or from a SMART patient token.
 */
public final class PortalAuthentication extends AbstractAuthenticationToken {

	@Serial
	private static final long serialVersionUID = 1L;

	private final PortalPrincipal principal;

	public PortalAuthentication(PortalPrincipal principal) {
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
