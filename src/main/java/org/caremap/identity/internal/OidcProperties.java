package org.caremap.identity.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.security.oidc.*}: staff sign-in through the organisation's OpenID Connect provider (e.g. a Keycloak
 * realm), beside Caremap's own passwords. Off unless the issuer and the client id are set. The client secret comes
 * from the environment ({@code CAREMAP_SECURITY_OIDC_CLIENT_SECRET}), never from a file in the repository; without
 * one Caremap signs in as a public client (PKCE is used either way).
 *
 * @param issuerUri the provider's issuer (its discovery document is read from there)
 * @param clientId Caremap's client id at the provider
 * @param clientSecret Caremap's client secret at the provider (from the environment)
 * @param name what the sign-in page calls the provider ("Sign in with ...")
 * @param usernameClaim the claim matched to a Caremap username (blank: never by username)
 * @param emailClaim the claim matched to a Caremap account's e-mail when no username matched (blank: never by
 *        e-mail); a provider that says the address is not verified ({@code email_verified} false) is not matched
 * @param scopes the scopes asked for
 */
@ConfigurationProperties("caremap.security.oidc")
public record OidcProperties(@Nullable String issuerUri, @Nullable String clientId, @Nullable String clientSecret,
		String name, String usernameClaim, String emailClaim, List<String> scopes) {

	public OidcProperties {
		if (name == null || name.isBlank()) name = "Single sign-on";
		if (usernameClaim == null) usernameClaim = "preferred_username";
		if (emailClaim == null) emailClaim = "email";
		if (scopes == null || scopes.isEmpty()) scopes = List.of("openid", "profile", "email");
	}

	/** Whether sign-in through the provider is configured. */
	public boolean enabled() {
		return issuerUri != null && !issuerUri.isBlank() && clientId != null && !clientId.isBlank();
	}
}
