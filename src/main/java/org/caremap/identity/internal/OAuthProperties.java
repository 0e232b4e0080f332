package org.caremap.identity.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.oauth.*}: Caremap's own OAuth 2.0 authorization server, which issues the bearer tokens that
 * systems (interface engines, EHRs, analytics) present to the API.
 *
 * @param issuer the issuer URL written into tokens and metadata (e.g. {@code https://caremap.example.org}); empty
 *        means taken from each request, which suits a single host name
 * @param audience the audience every accepted token must name; Caremap writes it into the tokens it issues
 * @param accessTokenTtl how long an access token lives
 * @param externalIssuer an OpenID Connect provider (e.g. a Keycloak realm, {@code https://id.example.org/realms/care})
 *        whose tokens the API accepts as well: its keys are found from its discovery document; its tokens must name
 *        Caremap's audience
 * @param externalUsernameClaim the claim of an external token that holds the Caremap username of the person
 *        (Keycloak: {@code preferred_username}); a system's token without it acts as its client id
 * @param patientAppApproval how long a patient's approval of a SMART patient app lasts (then the app must ask
 *        again); a confidential app's refresh tokens live as long
 */
@ConfigurationProperties("caremap.oauth")
public record OAuthProperties(@Nullable String issuer, String audience, Duration accessTokenTtl,
		@Nullable String externalIssuer, String externalUsernameClaim, Duration patientAppApproval) {

	public OAuthProperties {
		if (issuer != null && issuer.isBlank()) issuer = null;
		if (externalIssuer != null && externalIssuer.isBlank()) externalIssuer = null;
		if (externalUsernameClaim == null || externalUsernameClaim.isBlank()) externalUsernameClaim = "preferred_username";
		if (audience == null || audience.isBlank()) audience = "caremap";
		if (accessTokenTtl == null) accessTokenTtl = Duration.ofMinutes(5);
		if (patientAppApproval == null) patientAppApproval = Duration.ofDays(90);
	}
}
