package org.caremap.platform;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The two connections to PostgreSQL: the application's pool (the application role, which may not alter the
 * schema) and the migration connection (the schema owner, used by Flyway only).
 * <p>
 * With {@code caremap.db.url} (or {@code spring.datasource.url}) set, both point at that external database;
 * without it, Caremap starts its embedded PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	/** Where the application and the migrations connect, and as whom. */
	record DatabaseTarget(boolean embedded, String url, String appUser, String appPassword, String ownerUser,
			String ownerPassword, String appRole, String schema, int poolSize,
			@Nullable EmbeddedPostgresServer server) {
	}

	@Bean(destroyMethod = "")
	DatabaseTarget databaseTarget(CaremapProperties properties, Environment env) {
		CaremapProperties.Db db = properties.db();
		String url = firstNonBlank(db.url(), env.getProperty("spring.datasource.url"));
		if (url == null) {
			EmbeddedPostgresServer server = EmbeddedPostgresServer.obtain(properties.embeddedDataDir(),
					properties.embeddedDb().port(), properties.embeddedDb().startupWait(), db.schema());
			return new DatabaseTarget(true, server.jdbcUrl(), EmbeddedPostgresServer.APP_ROLE,
					server.password(EmbeddedPostgresServer.APP_ROLE), EmbeddedPostgresServer.OWNER_ROLE,
					server.password(EmbeddedPostgresServer.OWNER_ROLE), EmbeddedPostgresServer.APP_ROLE, db.schema(),
					db.poolSize(), server);
		}
		String user = require(firstNonBlank(db.user(), env.getProperty("spring.datasource.username")),
				"caremap.db.user (CAREMAP_DB_USER)");
		String password = orEmpty(firstNonBlank(db.password(), env.getProperty("spring.datasource.password")));
		String owner = firstNonBlank(db.ownerUser(), env.getProperty("spring.flyway.user"));
		String ownerPassword = firstNonBlank(db.ownerPassword(), env.getProperty("spring.flyway.password"));
		if (owner == null) {
			log.warn("No schema owner configured (caremap.db.owner-user): migrations run as the application role {}."
					+ " Give the application its own role that does not own the schema; see the README.", user);
			owner = user;
			ownerPassword = password;
		}
		String appRole = firstNonBlank(db.appRole(), user);
		return new DatabaseTarget(false, url, user, password, owner, orEmpty(ownerPassword), appRole, db.schema(),
				db.poolSize(), null);
	}

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServerHolder embeddedPostgresServerHolder() {
		return new EmbeddedPostgresServerHolder();
	}

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(DatabaseTarget target, EmbeddedPostgresServerHolder holder) {
		holder.hold(target.server());
		HikariConfig config = pool("caremap", target, target.appUser(), target.appPassword(), target.poolSize());
		config.setSchema(target.schema());
		config.setMinimumIdle(Math.min(2, target.poolSize()));
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		// read-only transactions may write their own audit events (see the audit module); the hint stays in Spring
		config.addDataSourceProperty("readOnlyMode", "ignore");
		return new HikariDataSource(config);
	}

	@Bean(destroyMethod = "close")
	@FlywayDataSource
	HikariDataSource migrationDataSource(DatabaseTarget target, EmbeddedPostgresServerHolder holder) {
		holder.hold(target.server());
		HikariConfig config = pool("caremap-migrations", target, target.ownerUser(), target.ownerPassword(), 2);
		config.setMinimumIdle(0);
		config.setIdleTimeout(10_000);
		return new HikariDataSource(config);
	}

	private static HikariConfig pool(String name, DatabaseTarget target, String user, String password, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(target.url());
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(size);
		config.addDataSourceProperty("ApplicationName", name);
		return config;
	}

	@Bean
	FlywayConfigurationCustomizer caremapFlywaySchema(DatabaseTarget target) {
		return configuration -> configuration.schemas(target.schema())
			.defaultSchema(target.schema())
			.createSchemas(true)
			.placeholders(java.util.Map.of("app_role", target.appRole(), "schema", target.schema()));
	}

	@Bean
	DatabaseInfo databaseInfo(DatabaseTarget target) {
		return new DatabaseInfo(target.embedded(), target.url(), target.appUser(), target.ownerUser(),
				target.server() == null ? null : target.server().dataDir().toString());
	}

	private static @Nullable String firstNonBlank(@Nullable String a, @Nullable String b) {
		if (a != null && !a.isBlank()) return a;
		if (b != null && !b.isBlank()) return b;
		return null;
	}

	private static String require(@Nullable String value, String name) {
		if (value == null) throw new IllegalStateException("An external database needs " + name);
		return value;
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

	/**
	 * Stops the embedded server after every connection pool using it has closed (pools are destroyed before
	 * this bean because they depend on it).
	 */
	static final class EmbeddedPostgresServerHolder implements AutoCloseable {
		private final java.util.List<EmbeddedPostgresServer> held = new java.util.ArrayList<>();

		synchronized void hold(@Nullable EmbeddedPostgresServer server) {
			if (server != null && held.isEmpty()) held.add(server);
		}

		@Override
		public synchronized void close() {
			held.forEach(EmbeddedPostgresServer::close);
			held.clear();
		}
	}
}
