package org.caremap.identity.internal;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Who may reach what over HTTP, and how people sign in and out. Finer rules (which patient) are checked again
 * at the module APIs, so that pages, FHIR and jobs share them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	/** Content-Security-Policy: every script and style comes from Caremap's own files; no framing. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.requestMatchers("/actuator/prometheus")
				.hasRole("ADMIN")
				.anyRequest()
				.denyAll())
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(
					org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webChain(HttpSecurity http, AuditTrail audit, SignInThrottle throttle,
			SecondFactorStep secondFactor, org.springframework.beans.factory.ObjectProvider<OidcSignIn> oidc,
			org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> registrations)
			throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/login/code", "/error", "/webjars/**", "/assets/**", "/favicon.ico")
			.permitAll()
			// a community organisation's single-referral link: the token is the credential (the community module checks it)
			.requestMatchers("/community/answer/*")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			// forms only those who may register patients and refer them are shown (the module APIs check again)
			.requestMatchers("/patients/new", "/referrals/new")
			.hasAnyRole("INTAKE", "CASE_MANAGER", "SUPERVISOR")
			// staff pages are for staff: a portal session (a patient or a proxy) is refused them
			.anyRequest()
			.access(staffOnly()))
			.formLogin(form -> form.loginPage("/login")
				.loginProcessingUrl("/login")
				.successHandler(secondFactor)
				.failureHandler(failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout")
				.logoutSuccessUrl("/login?signedOut")
				.deleteCookies("CAREMAP_SESSION")
				.permitAll())
			.exceptionHandling(ex -> ex.accessDeniedHandler(accessDeniedHandler(audit))
				.authenticationEntryPoint(signInFirst()))
			.addFilterBefore(throttled(throttle, audit),
					org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
		// staff may also sign in through the organisation's OpenID Connect provider, when one is configured
		OidcSignIn provider = oidc.getIfAvailable();
		if (provider != null) provider.configure(http, registrations.getObject());
		return http.build();
	}

	/**
	 * Sends people to the sign-in page; when their browser still held a session that has ended (idle logoff),
	 * the page says so.
	 */
	private static AuthenticationEntryPoint signInFirst() {
		return (request, response, exception) -> {
			boolean expired = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
			if ("true".equals(request.getHeader("HX-Request"))) {
				// an htmx swap cannot show a page: tell htmx to load the sign-in page instead
				response.setHeader("HX-Redirect", request.getContextPath() + "/login" + (expired ? "?expired" : ""));
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
				return;
			}
			response.sendRedirect(request.getContextPath() + "/login" + (expired ? "?expired" : ""));
		};
	}

	/**
	 * One answer for every refused sign-in (unknown user, wrong password, locked or disabled account), so the page
	 * never tells whether an account exists; the audit trail keeps the real reason.
	 */
	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			String username = request.getParameter("username");
			request.getSession().setAttribute("caremap.lastUsername", username == null ? "" : username);
			response.sendRedirect(request.getContextPath() + "/login?error=bad");
		};
	}

	/** Sign-ins from an address with too many recent failures are refused before any password is checked. */
	private static jakarta.servlet.Filter throttled(SignInThrottle throttle, AuditTrail audit) {
		return new org.springframework.web.filter.OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
					jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
					throws jakarta.servlet.ServletException, java.io.IOException {
				if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())
						&& throttle.throttled(request.getRemoteAddr())) {
					String username = request.getParameter("username");
					audit.record(username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT),
							new AuditEntry("SIGN_IN", "Session", null, null, AuditOutcome.DENIED,
									"too many failed sign-ins from " + request.getRemoteAddr()));
					response.sendRedirect(request.getContextPath() + "/login?error=throttled");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** Signed in, and not through the patient portal (a separate realm: {@link org.caremap.identity.PortalPrincipal}). */
	private static org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> staffOnly() {
		return (authentication, context) -> {
			org.springframework.security.core.Authentication auth = authentication.get();
			boolean staff = auth != null && auth.isAuthenticated()
					&& !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)
					&& !(auth.getPrincipal() instanceof org.caremap.identity.PortalPrincipal) && auth.getAuthorities()
						.stream()
						.noneMatch(a -> org.caremap.identity.PortalPrincipal.AUTHORITY.equals(a.getAuthority()));
			return new org.springframework.security.authorization.AuthorizationDecision(staff);
		};
	}

	/** A refusal is audited where it is decided ({@link AuthorizationAudit}, the patient access check); this answers 403. */
	private static AccessDeniedHandler accessDeniedHandler(AuditTrail audit) {
		return (request, response, exception) -> {
			if (org.caremap.identity.PortalPrincipal.get().isPresent() && "GET".equals(request.getMethod())
					&& "/".equals(request.getServletPath())) {
				// a patient who typed Caremap's address goes to their portal; every other staff page is refused
				response.sendRedirect(request.getContextPath() + "/portal");
				return;
			}
			if (exception instanceof org.springframework.security.web.csrf.CsrfException) {
				audit.record(new AuditEntry("ACCESS", "Url", request.getMethod() + " " + request.getRequestURI(), null,
						AuditOutcome.DENIED, "missing or stale CSRF token"));
			}
			response.sendError(HttpStatus.FORBIDDEN.value());
		};
	}

	/** Windows of failed sign-ins that have ended are forgotten. */
	@Bean
	com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> signInThrottleCleanup(SignInThrottle throttle) {
		return com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring("sign-in-throttle-cleanup",
				com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.ofMinutes(15))
			.execute((instance, context) -> throttle.forgetEnded());
	}

	@Bean
	CookieSerializer cookieSerializer(IdentityProperties properties) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName("CAREMAP_SESSION");
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		switch (properties.secureCookie()) {
			case "always" -> serializer.setUseSecureCookie(true);
			case "never" -> serializer.setUseSecureCookie(false);
			default -> {
				// Secure whenever the request came over HTTPS (directly or through a trusted proxy)
			}
		}
		return serializer;
	}
}
