package org.caremap.identity.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.caremap.identity.PortalPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who is signed in, as the authorization server sees it: for a SMART patient app, only a portal sign-in counts (a
 * staff session is treated as no one, so a staff member can neither approve a patient's app nor obtain a patient
 * token); for every other app, only a staff sign-in counts (a portal session never authorizes a staff app). The
 * contexts are read from the session where each realm keeps them; this repository never writes.
 */
final class RealmContexts implements SecurityContextRepository {

	/** The session attribute both realms keep their sign-in under (one at a time: signing in to one ends the other). */
	static final List<String> KEYS = List.of(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);

	private final RequestMatcher patientApp;

	RealmContexts(RegisteredClientRepository clients) {
		this.patientApp = patientAppRequest(clients);
	}

	/** A request to the authorization server on behalf of a SMART patient app (its {@code client_id} says which). */
	static RequestMatcher patientAppRequest(RegisteredClientRepository clients) {
		return request -> {
			String clientId = request.getParameter("client_id");
			if (clientId == null || clientId.isBlank() || clientId.length() > 100) return false;
			RegisteredClient client = clients.findByClientId(clientId);
			return client != null && client.getScopes().contains("launch/patient");
		};
	}

	static boolean portal(Authentication auth) {
		return auth.getPrincipal() instanceof PortalPrincipal
				|| auth.getAuthorities().stream().anyMatch(a -> PortalPrincipal.AUTHORITY.equals(a.getAuthority()));
	}

	@Override
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		SecurityContext found = find(holder.getRequest());
		return found != null ? found : SecurityContextHolder.createEmptyContext();
	}

	private @Nullable SecurityContext find(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) return null;
		boolean forPatient = patientApp.matches(request);
		for (String key : KEYS) {
			if (session.getAttribute(key) instanceof SecurityContext held && held.getAuthentication() != null
					&& held.getAuthentication().isAuthenticated() && portal(held.getAuthentication()) == forPatient) {
				SecurityContext copy = SecurityContextHolder.createEmptyContext();
				copy.setAuthentication(held.getAuthentication());
				return copy;
			}
		}
		return null;
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		// the authorization server signs no one in: each realm's own chain keeps its sign-in
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return find(request) != null;
	}
}
