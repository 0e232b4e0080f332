package org.caremap.identity.internal;

import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where OAuth clients, authorizations, consents and signing keys are kept (the database, shared by every node),
 * how tokens are shaped, and which tokens are accepted.
 */
@Configuration(proxyBeanMethods = false)
class OAuthStores {

	@Bean
	RegisteredClientRepository registeredClients(JdbcTemplate jdbc) {
		return new RevocableClients(new JdbcRegisteredClientRepository(jdbc), JdbcClient.create(jdbc));
	}

	@Bean
	OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService consents(JdbcTemplate jdbc, RegisteredClientRepository clients, JdbcPatientApps apps) {
		return new PatientGrantConsents(new JdbcOAuth2AuthorizationConsentService(jdbc, clients), clients, apps);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(OAuthProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (properties.issuer() != null) settings.issuer(properties.issuer());
		return settings.build();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(JdbcTemplate jdbc, TransactionTemplate tx) {
		return new ImmutableJWKSet<>(SigningKeys.load(JdbcClient.create(jdbc), tx));
	}

	/** Every token Caremap issues names Caremap's audience and lives as long as configured. */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(OAuthProperties properties, AuditTrail audit, OAuthIssuer issuer,
			JdbcPatientApps patientApps) {
		return context -> {
			Instant issued = Instant.now();
			patientContext(context, patientApps);
			context.getClaims()
				.issuer(issuer.url())
				// a plain ArrayList: the claims are stored with the authorization and read back by type
				.audience(new java.util.ArrayList<>(List.of(properties.audience())))
				.issuedAt(issued)
				.notBefore(issued)
				.expiresAt(issued.plus(properties.accessTokenTtl()));
			audit.record(new AuditEntry("TOKEN", "ApiClient", context.getRegisteredClient().getClientId(), null,
					AuditOutcome.SUCCESS, context.getAuthorizationGrantType().getValue() + " "
							+ String.join(" ", context.getAuthorizedScopes())));
		};
	}

	/**
	 * A SMART patient app's token names the patient it reads ({@code patient}, also the token response parameter)
	 * and the app ({@code client_id}); it is issued, and refreshed, only while the patient's approval is in force and
	 * their portal account is active. A patient app's token is never issued to staff, nor a staff app's to a patient.
	 */
	private static void patientContext(JwtEncodingContext context, JdbcPatientApps apps) {
		String principal = context.getPrincipal().getName();
		java.util.UUID account = JdbcPatientApps.account(principal);
		boolean patientApp = context.getRegisteredClient().getScopes().contains("launch/patient");
		if (account == null && !patientApp) return;
		if (account == null || !patientApp) throw refused("this app and this person are not of the same kind (patient or staff)");
		if (!apps.inForce(principal, context.getRegisteredClient().getId())) {
			throw refused("the patient's approval of this app was taken back or has ended");
		}
		org.caremap.identity.PortalPrincipal patient = apps.active(account).filter(p -> !p.proxy())
			.orElseThrow(() -> refused("the patient's portal account is no longer active"));
		context.getClaims()
			.claim("patient", patient.patient().toString())
			.claim("client_id", context.getRegisteredClient().getClientId());
	}

	private static org.springframework.security.oauth2.core.OAuth2AuthenticationException refused(String why) {
		return new org.springframework.security.oauth2.core.OAuth2AuthenticationException(
				new org.springframework.security.oauth2.core.OAuth2Error("invalid_grant", why, null));
	}

	/**
	 * Accepts Caremap's own tokens: signed by one of its keys, unexpired, for its audience (and issuer, when set);
	 * each token is verified once and remembered until it expires ({@link VerifiedTokens}).
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, OAuthProperties properties, OAuthIssuer issuer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
		OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
				aud -> aud != null && aud.contains(properties.audience()));
		// only tokens that name Caremap's one issuer: a token minted while someone claimed another host name is refused
		OAuth2TokenValidator<Jwt> ownIssuer = new JwtClaimValidator<Object>("iss",
				iss -> iss != null && issuer.url().equals(iss.toString()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), audience, ownIssuer));
		if (properties.externalIssuer() == null) return new VerifiedTokens(decoder, VERIFIED_TOKENS, java.time.Clock.systemUTC());
		String external = properties.externalIssuer();
		// the external provider's keys are looked up when its first token arrives, so Caremap starts without it
		JwtDecoder provider = new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder d = NimbusJwtDecoder.withIssuerLocation(external).build();
			d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), audience, new JwtIssuerValidator(external)));
			return d;
		});
		return new VerifiedTokens(token -> external.equals(unverifiedIssuer(token)) ? provider.decode(token) : decoder.decode(token),
				VERIFIED_TOKENS, java.time.Clock.systemUTC());
	}

	/** Tokens remembered as verified until they expire (each a few hundred bytes; far more than clients call at once). */
	static final int VERIFIED_TOKENS = 10_000;

	/** The issuer a token claims, read before its signature is checked, only to choose who checks it. */
	private static @org.jspecify.annotations.Nullable String unverifiedIssuer(String token) {
		try {
			return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
		}
		catch (java.text.ParseException ex) {
			throw new org.springframework.security.oauth2.jwt.BadJwtException("not a JWT: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Who a bearer token speaks for: Caremap's own tokens name the client (or the person, for an app) in {@code sub};
	 * an external provider's tokens name the person in the configured username claim. Scopes become authorities.
	 */
	@Bean
	org.springframework.core.convert.converter.Converter<Jwt, org.springframework.security.authentication.AbstractAuthenticationToken> bearerTokens(
			OAuthProperties properties) {
		org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter own =
				new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter();
		org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter external =
				new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter();
		external.setPrincipalClaimName(properties.externalUsernameClaim());
		return jwt -> {
			boolean fromProvider = properties.externalIssuer() != null && jwt.getIssuer() != null
					&& properties.externalIssuer().equals(jwt.getIssuer().toString());
			boolean person = jwt.hasClaim(properties.externalUsernameClaim());
			return fromProvider && person ? external.convert(jwt) : own.convert(jwt);
		};
	}

	/** Expired authorizations are removed once nothing in them can be used any more. */
	@Bean
	RecurringTask<Void> expiredAuthorizationsTask(JdbcTemplate jdbc) {
		return Tasks.recurring("oauth-authorizations-cleanup", FixedDelay.ofMinutes(30))
			.execute((instance, context) -> jdbc.update("""
					delete from oauth2_authorization
					 where coalesce(access_token_expires_at, authorization_code_expires_at, now()) < now() - interval '1 hour'
					   and (refresh_token_expires_at is null or refresh_token_expires_at < now())
					"""));
	}
}
