package org.caremap.identity.internal;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
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
	SecurityFilterChain webChain(HttpSecurity http, AuditTrail audit) throws Exception {
		http.authorizeHttpRequests(auth -> auth
			.requestMatchers("/login", "/error", "/webjars/**", "/assets/**", "/favicon.ico")
			.permitAll()
			.requestMatchers("/admin/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.loginProcessingUrl("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler(failureHandler())
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout")
				.logoutSuccessUrl("/login?signedOut")
				.deleteCookies("CAREMAP_SESSION")
				.permitAll())
			.exceptionHandling(ex -> ex.accessDeniedHandler(accessDeniedHandler(audit))
				.authenticationEntryPoint(signInFirst()))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
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

	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			String reason = exception instanceof LockedException ? "locked"
					: exception instanceof DisabledException || exception instanceof AccountExpiredException
							? "disabled" : "bad";
			String username = request.getParameter("username");
			request.getSession().setAttribute("caremap.lastUsername", username == null ? "" : username);
			response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
		};
	}

	private static AccessDeniedHandler accessDeniedHandler(AuditTrail audit) {
		return (request, response, exception) -> {
			audit.record(new AuditEntry("ACCESS", "Url", request.getMethod() + " " + request.getRequestURI(), null,
					AuditOutcome.DENIED, exception.getClass().getSimpleName()));
			response.sendError(HttpStatus.FORBIDDEN.value());
		};
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
