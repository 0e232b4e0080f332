package org.caremap.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The systems allowed to call Caremap's API (interface engines sending ADT, EHRs, analytics): each gets a client id
 * and a secret to obtain bearer tokens from the token endpoint with the client-credentials grant, limited to the
 * scopes an administrator chose. Secrets are stored hashed and shown once. Needs the ADMIN role; every change is
 * audited.
 */
public interface ApiClients {

	/** The scopes a client may be given, in the order shown to administrators. */
	List<String> SCOPES = List.of("adt.write", "system/*.rs", "system/*.cruds", "system/Patient.rs", "user/*.rs",
			"user/*.cruds");

	/**
	 * A system (client-credentials grant, no redirect URI, {@code system/} and {@code adt.} scopes) or an app that
	 * people sign in to (authorization-code grant with PKCE, its redirect URI, {@code user/} scopes: it reaches only
	 * the patients the signed-in person may).
	 */
	record NewApiClient(String name, String description, Set<String> scopes, @Nullable String redirectUri) {

		public NewApiClient(String name, String description, Set<String> scopes) {
			this(name, description, scopes, null);
		}

		public boolean app() {
			return redirectUri != null && !redirectUri.isBlank();
		}
	}

	record ApiClientView(String clientId, String name, String description, List<String> scopes, Instant createdAt,
			@Nullable Instant revokedAt, @Nullable Instant lastTokenAt, @Nullable String redirectUri) {

		public boolean app() {
			return redirectUri != null;
		}

		public boolean revoked() {
			return revokedAt != null;
		}
	}

	/** A client id with its secret, as given to the system's administrator once. */
	record Credentials(String clientId, String secret) {
	}

	List<ApiClientView> list();

	java.util.Optional<ApiClientView> find(String clientId);

	Credentials register(NewApiClient client);

	/** A new secret; the old one stops working at once. */
	Credentials rotateSecret(String clientId);

	/** The client can obtain no more tokens; tokens already issued end with their short lifetime. */
	void revoke(String clientId);

	/** Whether a client with this id is registered and not revoked (for work that outlives a request). */
	boolean usable(String clientId);
}
