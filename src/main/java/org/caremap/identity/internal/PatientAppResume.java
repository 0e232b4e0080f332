package org.caremap.identity.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.caremap.identity.PortalPrincipal;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A SMART patient app's authorization request made before the patient signed in to the portal: the request is
 * kept in the session and the patient sent to the portal's sign-in page; once signed in, the portal's home page
 * (where a portal sign-in lands) sends them on to the kept request, which shows the consent page. Only an
 * authorization request of this server is kept (never a URL from elsewhere), for ten minutes, and used once.
 */
final class PatientAppResume {

	static final String ATTRIBUTE = "caremap.smart.resume";
	private static final Duration KEPT = Duration.ofMinutes(10);

	private PatientAppResume() {
	}

	record Kept(String pathAndQuery, Instant at) implements java.io.Serializable {
	}

	/** Keeps the authorization request and sends the person to the portal's sign-in page. */
	static AuthenticationEntryPoint portalSignIn() {
		return (request, response, exception) -> {
			if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/oauth2/authorize")) {
				String query = request.getQueryString();
				if (query != null && query.length() <= 4000) {
					request.getSession().setAttribute(ATTRIBUTE, new Kept("/oauth2/authorize?" + query, Instant.now()));
				}
			}
			response.sendRedirect(request.getContextPath() + "/portal/login");
		};
	}

	/** At the portal's home page: a patient just signed in who was asked by an app goes back to the app's request. */
	static OncePerRequestFilter resume() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				HttpSession session = request.getSession(false);
				if ("GET".equals(request.getMethod()) && session != null && session.getAttribute(ATTRIBUTE) instanceof Kept kept
						&& PortalPrincipal.get().isPresent()) {
					session.removeAttribute(ATTRIBUTE);
					if (kept.at().isAfter(Instant.now().minus(KEPT)) && kept.pathAndQuery().startsWith("/oauth2/authorize?")) {
						response.sendRedirect(request.getContextPath() + kept.pathAndQuery());
						return;
					}
				}
				chain.doFilter(request, response);
			}
		};
	}
}
