package org.caremap.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code caremap.*}. Environment variables bind by the usual rules, e.g. {@code CAREMAP_DB_URL}
 * to {@code caremap.db.url}.
 */
@ConfigurationProperties("caremap")
public record CaremapProperties(Path home, Db db, EmbeddedDb embeddedDb) {

	public CaremapProperties {
		if (home == null) home = Path.of("caremap-data");
		if (db == null) db = new Db(null, null, null, null, null, null, "caremap", 10);
		if (embeddedDb == null) embeddedDb = new EmbeddedDb(null, 0, Duration.ofSeconds(60));
	}

	/**
	 * An external PostgreSQL. With no url Caremap runs its own embedded server. {@code user}/{@code password} are
	 * the application role; {@code ownerUser}/{@code ownerPassword} the schema owner that migrations run as
	 * (defaults to the application role when not given).
	 */
	public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
			@Nullable String ownerUser, @Nullable String ownerPassword, @Nullable String appRole, String schema,
			int poolSize) {
		public Db {
			if (schema == null || schema.isBlank()) schema = "caremap";
			if (poolSize <= 0) poolSize = 10;
		}
	}

	/** The embedded PostgreSQL: its data folder (default {@code <home>/postgres}) and port (0 = any free port). */
	public record EmbeddedDb(@Nullable Path dataDir, int port, Duration startupWait) {
		public EmbeddedDb {
			if (startupWait == null) startupWait = Duration.ofSeconds(60);
		}
	}

	public Path embeddedDataDir() {
		return embeddedDb.dataDir() != null ? embeddedDb.dataDir() : home.resolve("postgres");
	}
}
