package org.caremap.identity.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caremap's OAuth 2.0 authorization server (token endpoint, key set, metadata) and the API that accepts its bearer
 * tokens. Clients, authorizations and signing keys live in the database, so every node issues and accepts the
 * same tokens. API requests carry no session and no CSRF token: the bearer token is the credential, checked for
 * signature, expiry, issuer and audience, and its scopes become authorities ({@code SCOPE_adt.write}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OAuthConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		RequestMatcher endpoints = server.getEndpointsMatcher();
		RequestMatcher patientApp = RealmContexts.patientAppRequest(clients);
		http.securityMatcher(endpoints)
			.with(server, configurer -> configurer
				// a SMART patient app is approved by the patient on the portal's consent page (staff apps need none)
				.authorizationEndpoint(authorize -> authorize.consentPage("/portal/apps/consent"))
				.tokenEndpoint(token -> token.accessTokenResponseHandler(smartTokenResponse())))
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.csrf(csrf -> csrf.ignoringRequestMatchers(endpoints))
			// patient apps see only a portal sign-in, every other app only a staff sign-in
			.securityContext(context -> context.securityContextRepository(new RealmContexts(clients)))
			.addFilterAfter(new SignedInPrincipal(), org.springframework.security.web.context.SecurityContextHolderFilter.class)
			// a client at the token, introspection or revocation endpoint gets 401, never the sign-in page
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(
					new org.springframework.security.web.authentication.HttpStatusEntryPoint(org.springframework.http.HttpStatus.UNAUTHORIZED),
					new org.springframework.security.web.util.matcher.OrRequestMatcher(
							org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults().matcher("/oauth2/token"),
							org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults().matcher("/oauth2/introspect"),
							org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults().matcher("/oauth2/revoke")))
				// a patient signs in to the portal to approve an app; staff sign in to Caremap
				.defaultAuthenticationEntryPointFor(PatientAppResume.portalSignIn(), patientApp)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
					new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/**
	 * The token response, with SMART's {@code patient} parameter for a patient app's token (the patient the token
	 * reads, as its {@code patient} claim says).
	 */
	private static org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler smartTokenResponse() {
		var handler = new org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		handler.setAccessTokenResponseCustomizer(context -> {
			org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken issued =
					context.getAuthentication();
			Object patient;
			try {
				// the token was minted a moment ago by this server: its claims are read, not checked again
				patient = com.nimbusds.jwt.JWTParser.parse(issued.getAccessToken().getTokenValue()).getJWTClaimsSet().getClaim("patient");
			}
			catch (java.text.ParseException notJwt) {
				return;
			}
			if (patient == null) return;
			java.util.Map<String, Object> parameters = new java.util.LinkedHashMap<>(issued.getAdditionalParameters());
			parameters.put("patient", patient.toString());
			context.getAccessTokenResponse().additionalParameters(parameters);
		});
		return handler;
	}

	/** After signing in to the portal, a patient whom an app asked goes on to the app's authorization request. */
	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.OncePerRequestFilter> patientAppResume() {
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(PatientAppResume.resume());
		registration.addUrlPatterns("/portal", "/portal/");
		registration.setName("patientAppResume");
		return registration;
	}

	/** The authorization server's endpoints and metadata see the one issuer's URL, whatever Host was named. */
	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<org.springframework.web.filter.OncePerRequestFilter> issuerPinning(
			OAuthIssuer issuer) {
		var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(issuer.pinning());
		registration.addUrlPatterns("/oauth2/*", "/.well-known/*", "/fhir/.well-known/*", "/connect/*", "/userinfo");
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setName("issuerPinning");
		return registration;
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder decoder,
			org.springframework.core.convert.converter.Converter<org.springframework.security.oauth2.jwt.Jwt, org.springframework.security.authentication.AbstractAuthenticationToken> bearerTokens, AuditTrail audit, JsonMapper json,
			org.springframework.context.MessageSource messages,
			org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> languages)
			throws Exception {
		java.util.function.BiFunction<jakarta.servlet.http.HttpServletRequest, String, String> text = (request, key) -> messages
			.getMessage(key, null, languages.getIfAvailable() == null ? java.util.Locale.ENGLISH
					: languages.getIfAvailable().resolveLocale(request));
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
			.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(bearerTokens))
				.authenticationEntryPoint(unauthorized(audit, json, text))
				.accessDeniedHandler(forbidden(audit, json, text)))
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/** 401 with the {@code WWW-Authenticate} challenge the bearer-token standard asks for, and a problem body. */
	private static AuthenticationEntryPoint unauthorized(AuditTrail audit, JsonMapper json,
			java.util.function.BiFunction<jakarta.servlet.http.HttpServletRequest, String, String> text) {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		return (request, response, exception) -> {
			if (request.getHeader("Authorization") != null) {
				audit.record(new AuditEntry("AUTHENTICATE", "Token", null, null, AuditOutcome.DENIED,
						request.getMethod() + " " + request.getRequestURI() + ": " + exception.getMessage()));
			}
			bearer.commence(request, response, exception);
			problem(response, json, ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.UNAUTHORIZED,
					text.apply(request, "error.api.token-required")));
		};
	}

	private static AccessDeniedHandler forbidden(AuditTrail audit, JsonMapper json,
			java.util.function.BiFunction<jakarta.servlet.http.HttpServletRequest, String, String> text) {
		BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
		return (request, response, exception) -> {
			// the refusal itself is audited where it was decided (AuthorizationAudit)
			bearer.handle(request, response, exception);
			problem(response, json, ProblemDetail.forStatusAndDetail(org.springframework.http.HttpStatus.FORBIDDEN,
					text.apply(request, "error.api.scope-missing")));
		};
	}

	private static void problem(HttpServletResponse response, JsonMapper json, ProblemDetail detail) throws IOException {
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json.writeValueAsBytes(detail));
	}

}
