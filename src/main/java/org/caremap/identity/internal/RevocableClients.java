package org.caremap.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** The registered clients, less the revoked ones: a revoked client can no longer obtain a token. */
final class RevocableClients implements RegisteredClientRepository {

	private final RegisteredClientRepository stored;
	private final JdbcClient jdbc;

	RevocableClients(RegisteredClientRepository stored, JdbcClient jdbc) {
		this.stored = stored;
		this.jdbc = jdbc;
	}

	@Override
	public void save(RegisteredClient client) {
		stored.save(client);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		RegisteredClient client = stored.findById(id);
		return client == null || revoked(client.getId()) ? null : client;
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = stored.findByClientId(clientId);
		return client == null || revoked(client.getId()) ? null : client;
	}

	/** The stored client, revoked or not (for administration). */
	@Nullable
	RegisteredClient findAnyByClientId(String clientId) {
		return stored.findByClientId(clientId);
	}

	private boolean revoked(String id) {
		return jdbc.sql("select exists (select 1 from oauth_client_record where registered_client_id = ? and revoked_at is not null)")
			.param(id)
			.query(Boolean.class)
			.single();
	}
}
