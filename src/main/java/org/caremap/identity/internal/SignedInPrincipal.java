package org.caremap.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When a signed-in person authorizes an app, the authorization server keeps who they are with the authorization
 * (in the database, shared by every node). It keeps their username and roles only, not the session's user object:
 * the token names the person by username, and the API loads the person afresh on each call, so a disabled account
 * stops working at once. A patient approving a SMART patient app is kept as {@code portal:<account>} with the
 * portal authority only; a proxy may not approve apps for the patient (403).
 */
class SignedInPrincipal extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof org.caremap.identity.PortalPrincipal portal) {
			// only the patient themselves approves an app that reads their record; a proxy may not
			if (portal.proxy()) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN);
				return;
			}
			SecurityContext plain = SecurityContextHolder.createEmptyContext();
			plain.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(portal.auditName(), null,
					java.util.List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
							org.caremap.identity.PortalPrincipal.AUTHORITY))));
			SecurityContextHolder.setContext(plain);
		}
		else if (auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof UserDetails user) {
			SecurityContext plain = SecurityContextHolder.createEmptyContext();
			plain.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null, auth.getAuthorities()));
			SecurityContextHolder.setContext(plain);
		}
		chain.doFilter(request, response);
	}
}
