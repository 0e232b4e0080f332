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
 */
@ConfigurationProperties("caremap.oauth")
public record OAuthProperties(@Nullable String issuer, String audience, Duration accessTokenTtl) {

	public OAuthProperties {
		if (issuer != null && issuer.isBlank()) issuer = null;
		if (audience == null || audience.isBlank()) audience = "caremap";
		if (accessTokenTtl == null) accessTokenTtl = Duration.ofMinutes(5);
	}
}
