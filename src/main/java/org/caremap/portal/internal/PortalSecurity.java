package org.caremap.portal.internal;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.SignInRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The portal's own realm over {@code /portal/**}: its sign-in page and form ({@link PortalSignIn}, never the staff
 * accounts), its sign-out, CSRF and the same headers as the staff pages. Every portal page needs a portal session
 * ({@link PortalPrincipal#AUTHORITY}): a staff session is refused (403), and the staff pages refuse a portal session.
 * Both realms keep their sign-in in the one session cookie, so signing in to one signs out of the other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PortalSecurity {

	/** Pages anyone may open: signing in, and accepting an invitation (the code or link is the credential). */
	static final String[] OPEN = { "/portal/login", "/portal/welcome", "/portal/welcome/**" };

	@Bean
	@Order(2)
	SecurityFilterChain portalChain(HttpSecurity http, PortalSignIn signIn, SignInRules rules, AuditTrail audit)
			throws Exception {
		http.securityMatcher("/portal/**")
			.authenticationManager(signIn)
			.authorizeHttpRequests(auth -> auth.requestMatchers(OPEN)
				.permitAll()
				.anyRequest()
				.hasAuthority(PortalPrincipal.AUTHORITY))
			.formLogin(form -> form.loginPage("/portal/login")
				.loginProcessingUrl("/portal/login")
				.authenticationDetailsSource(PortalSignIn.Details::new)
				.defaultSuccessUrl("/portal", true)
				.failureHandler(failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/portal/logout")
				.logoutSuccessUrl("/portal/login?signedOut")
				.deleteCookies("CAREMAP_SESSION")
				.permitAll())
			.exceptionHandling(ex -> ex.accessDeniedHandler(refused(audit))
				.authenticationEntryPoint((request, response, exception) -> {
					boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
					String target = request.getContextPath() + "/portal/login" + (expired ? "?expired" : "");
					if ("true".equals(request.getHeader("HX-Request"))) {
						response.setHeader("HX-Redirect", target);
						response.setStatus(HttpStatus.UNAUTHORIZED.value());
						return;
					}
					response.sendRedirect(target);
				}))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(rules.contentSecurityPolicy()))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
		return http.build();
	}

	/** One answer for every refused sign-in (the audit trail keeps the reason); the throttle says so. */
	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			String login = request.getParameter("username");
			request.getSession().setAttribute("caremap.portal.lastLogin",
					login == null ? "" : login.length() > 254 ? login.substring(0, 254) : login);
			boolean throttled = exception instanceof PortalSignIn.Refused refused && refused.throttled;
			response.sendRedirect(request.getContextPath() + "/portal/login?error=" + (throttled ? "throttled" : "bad"));
		};
	}

	/** A staff session, or a stale form: 403 (the staff pages' handler does the same for portal sessions). */
	private static AccessDeniedHandler refused(AuditTrail audit) {
		return (request, response, exception) -> {
			audit.record(new AuditEntry("ACCESS", "Url", request.getMethod() + " " + request.getRequestURI(), null,
					AuditOutcome.DENIED,
					exception instanceof org.springframework.security.web.csrf.CsrfException ? "missing or stale CSRF token"
							: "not a portal session"));
			response.sendError(HttpStatus.FORBIDDEN.value());
		};
	}
}
