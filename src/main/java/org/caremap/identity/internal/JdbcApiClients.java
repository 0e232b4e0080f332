package org.caremap.identity.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.ApiClients;
import org.caremap.identity.CurrentUser;
import org.caremap.shared.DomainException;
import org.caremap.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@PreAuthorize("hasRole('ADMIN')")
class JdbcApiClients implements ApiClients {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final char[] ID_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private final JdbcClient jdbc;
	private final RegisteredClientRepository clients;
	private final PasswordEncoder encoder;
	private final OAuthProperties properties;
	private final AuditTrail audit;

	JdbcApiClients(JdbcClient jdbc, RegisteredClientRepository clients, PasswordEncoder encoder,
			OAuthProperties properties, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clients = clients;
		this.encoder = encoder;
		this.properties = properties;
		this.audit = audit;
	}

	private static final String SELECT = """
			select c.client_id, c.client_name, r.description, c.scopes, r.created_at, r.revoked_at, c.redirect_uris,
			       coalesce(c.client_secret, '') <> '' has_secret,
			       (select max(a.access_token_issued_at) from oauth2_authorization a where a.registered_client_id = c.id) last_token
			  from oauth2_registered_client c join oauth_client_record r on r.registered_client_id = c.id
			""";

	@Override
	@Transactional(readOnly = true)
	public List<ApiClientView> list() {
		return jdbc.sql(SELECT + " order by r.revoked_at nulls first, c.client_name").query(JdbcApiClients::row).list();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<ApiClientView> find(String clientId) {
		return jdbc.sql(SELECT + " where c.client_id = ?").param(clientId).query(JdbcApiClients::row).optional();
	}

	private static ApiClientView row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		List<String> scopes = new ArrayList<>(Arrays.asList(rs.getString("scopes").split(",")));
		scopes.removeIf(String::isBlank);
		java.sql.Timestamp revoked = rs.getTimestamp("revoked_at");
		java.sql.Timestamp last = rs.getTimestamp("last_token");
		return new ApiClientView(rs.getString("client_id"), rs.getString("client_name"), rs.getString("description"),
				scopes, rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant(),
				last == null ? null : last.toInstant(),
				rs.getString("redirect_uris") == null || rs.getString("redirect_uris").isBlank() ? null : rs.getString("redirect_uris"),
				rs.getBoolean("has_secret"));
	}

	@Override
	@Transactional
	public Credentials register(NewApiClient client) {
		String name = client.name() == null ? "" : client.name().strip();
		if (name.isEmpty()) throw new DomainException("api-client.name-required", "a client needs a name");
		if (name.length() > 200) throw new DomainException("api-client.name-too-long", "name too long");
		Set<String> scopes = new LinkedHashSet<>(client.scopes() == null ? Set.of() : client.scopes());
		if (scopes.isEmpty()) throw new DomainException("api-client.scope-required", "a client needs a scope");
		boolean patientApp = client.patientApp();
		for (String scope : scopes) {
			if (!SCOPES.contains(scope)) throw new DomainException("api-client.unknown-scope", "unknown scope " + scope, scope);
			boolean forApps = scope.startsWith("user/") || scope.startsWith("patient/");
			if (client.app() != forApps) {
				throw new DomainException(client.app() ? "api-client.app-scope" : "api-client.system-scope",
						"scope " + scope + " does not fit this kind of client", scope);
			}
			// an app acts for staff (user/) or for one patient (patient/), never both
			if (client.app() && patientApp != scope.startsWith("patient/")) {
				throw new DomainException("api-client.patient-scope", "scope " + scope + " mixes staff and patient access", scope);
			}
		}
		if (client.confidential() && !patientApp) {
			throw new DomainException("api-client.confidential", "only a patient app may be registered as confidential");
		}
		if (patientApp) scopes.addAll(PATIENT_APP_SCOPES);
		String clientId = "cm-" + letters(16);
		String secret = client.app() && !client.confidential() ? null : secret();
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name)
			.scopes(s -> s.addAll(scopes))
			.tokenSettings(TokenSettings.builder()
				.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
				.accessTokenTimeToLive(properties.accessTokenTtl())
				.build());
		if (patientApp) {
			String redirect = client.redirectUri().strip();
			if (!redirect.matches("^(https://|http://localhost[:/]|http://127\\.0\\.0\\.1[:/])\\S+$")) {
				throw new DomainException("api-client.redirect-uri", "redirect URI must be https (or http on localhost)");
			}
			// the patient approves the app themselves (the portal's consent page); PKCE S256 always, and a
			// confidential app also authenticates with its secret and may refresh for as long as the approval lasts
			builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(redirect)
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
				.tokenSettings(TokenSettings.builder()
					.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
					.accessTokenTimeToLive(properties.accessTokenTtl())
					.refreshTokenTimeToLive(properties.patientAppApproval())
					.reuseRefreshTokens(false)
					.build());
			if (client.confidential()) {
				builder.clientSecret(encoder.encode(secret))
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
			}
			else {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			}
		}
		else if (client.app()) {
			String redirect = client.redirectUri().strip();
			if (!redirect.matches("^(https://|http://localhost[:/]|http://127\\.0\\.0\\.1[:/])\\S+$")) {
				throw new DomainException("api-client.redirect-uri", "redirect URI must be https (or http on localhost)");
			}
			// a public client: the app proves itself with PKCE; the administrator who registered it stands for consent
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(redirect)
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
		}
		else {
			builder.clientSecret(encoder.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build());
		}
		RegisteredClient registered = builder.build();
		clients.save(registered);
		jdbc.sql("insert into oauth_client_record (registered_client_id, created_by, description) values (?, ?, ?)")
			.params(registered.getId(), CurrentUser.require().id().value(),
					client.description() == null ? "" : client.description().strip())
			.update();
		audit.record(new AuditEntry("CREATE", "ApiClient", clientId, null, AuditOutcome.SUCCESS,
				name + ": " + String.join(" ", scopes)));
		return new Credentials(clientId, secret == null ? "" : secret);
	}

	@Override
	@Transactional
	public Credentials rotateSecret(String clientId) {
		RegisteredClient existing = active(clientId);
		if (existing.getClientSecret() == null || existing.getClientSecret().isEmpty()) {
			throw new DomainException("api-client.no-secret", "an app signs people in with PKCE and has no secret");
		}
		String secret = secret();
		clients.save(RegisteredClient.from(existing).clientSecret(encoder.encode(secret)).build());
		jdbc.sql("update oauth_client_record set secret_rotated_at = now() where registered_client_id = ?")
			.param(existing.getId())
			.update();
		audit.record(new AuditEntry("UPDATE", "ApiClient", clientId, null, AuditOutcome.SUCCESS, "secret rotated"));
		return new Credentials(clientId, secret);
	}

	@Override
	@Transactional
	public void revoke(String clientId) {
		RegisteredClient existing = active(clientId);
		jdbc.sql("update oauth_client_record set revoked_at = now(), revoked_by = ? where registered_client_id = ?")
			.params(CurrentUser.require().id().value(), existing.getId())
			.update();
		audit.record(new AuditEntry("UPDATE", "ApiClient", clientId, null, AuditOutcome.SUCCESS, "revoked"));
	}

	private RegisteredClient active(String clientId) {
		RegisteredClient existing = clients.findByClientId(clientId);
		if (existing != null) return existing;
		if (find(clientId).isPresent()) {
			throw new DomainException("api-client.revoked", "client " + clientId + " is revoked");
		}
		throw new NotFoundException("api-client", clientId);
	}

	private static String letters(int n) {
		StringBuilder s = new StringBuilder(n);
		for (int i = 0; i < n; i++) s.append(ID_LETTERS[RANDOM.nextInt(ID_LETTERS.length)]);
		return s.toString();
	}

	private static String secret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	@PreAuthorize("hasAnyRole('ADMIN', 'SYSTEM')")
	@org.springframework.transaction.annotation.Transactional(readOnly = true)
	public boolean usable(String clientId) {
		return jdbc.sql("""
				select exists (select 1 from oauth2_registered_client c join oauth_client_record r on r.registered_client_id = c.id
				               where c.client_id = ? and r.revoked_at is null)""")
			.param(clientId).query(Boolean.class).single();
	}
}
