package org.caremap.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.caremap.shared.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caremap's own PostgreSQL: started from the binaries on the classpath, data kept in a folder that survives
 * restarts, with durable settings (fsync, synchronous commit and full-page writes on). On first start it
 * creates the database, the schema owner role (for migrations) and the application role (not a superuser, not
 * the owner), with random passwords kept beside the data folder.
 * <p>
 * One server per data folder and JVM: several application contexts on the same folder share it (reference
 * counted), as several test contexts do.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	public static final String DATABASE = "caremap";
	public static final String OWNER_ROLE = "caremap_owner";
	public static final String APP_ROLE = "caremap_app";
	public static final String SUPERUSER = "postgres";
	/** The role a standby streams the primary's WAL as (see {@link EmbeddedStandby}); created only when one is made. */
	public static final String REPLICATOR_ROLE = "caremap_replicator";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
	private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

	private final Path dataDir;
	private final EmbeddedPostgres postgres;
	private final Properties credentials;
	private int users;

	private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres, Properties credentials) {
		this.dataDir = dataDir;
		this.postgres = postgres;
		this.credentials = credentials;
	}

	/** Starts the server for this folder, or joins the one this JVM already runs there. */
	public static synchronized EmbeddedPostgresServer obtain(Path dataDir, int port, Duration startupWait,
			String schema) {
		Path key = dataDir.toAbsolutePath().normalize();
		EmbeddedPostgresServer server = RUNNING.get(key);
		if (server == null) {
			server = start(key, port, startupWait, schema);
			RUNNING.put(key, server);
		}
		server.users++;
		return server;
	}

	private static EmbeddedPostgresServer start(Path dataDir, int port, Duration startupWait, String schema) {
		long started = System.nanoTime();
		try {
			Files.createDirectories(dataDir.getParent());
			Properties credentials = credentials(dataDir.getParent().resolve("db-credentials.properties"));
			EmbeddedPostgres postgres = builder(dataDir, port, startupWait, credentials).start();
			bootstrap(postgres, credentials, schema);
			requirePasswords(postgres, dataDir);
			log.info("Embedded PostgreSQL ready on port {} with data in {} ({} ms)", postgres.getPort(), dataDir,
					(System.nanoTime() - started) / 1_000_000);
			return new EmbeddedPostgresServer(dataDir, postgres, credentials);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, ex);
		}
	}

	/**
	 * The server's settings, the same for a primary and for a standby made from it (a standby must allow at least as
	 * many connections as its primary).
	 */
	static EmbeddedPostgres.Builder builder(Path dataDir, int port, Duration startupWait, Properties credentials) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPGStartupWait(startupWait)
			// the library's defaults trade durability for speed; Caremap's data must survive a crash
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "200")
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("timezone", "UTC");
		if (port > 0) builder.setPort(port);
		// after the first start the server asks every role for its password, the superuser's included
		builder.setConnectConfig("password", credentials.getProperty(SUPERUSER));
		return builder;
	}

	private static Properties credentials(Path file) throws IOException {
		Properties properties = new Properties();
		if (Files.exists(file)) {
			try (var in = Files.newInputStream(file)) {
				properties.load(in);
			}
			return properties;
		}
		SecureRandom random = new SecureRandom();
		for (String role : new String[] { SUPERUSER, OWNER_ROLE, APP_ROLE }) {
			byte[] secret = new byte[24];
			random.nextBytes(secret);
			properties.setProperty(role, HexFormat.of().formatHex(secret));
		}
		Files.createFile(file);
		PrivateFiles.ownerOnly(file);
		try (var out = Files.newOutputStream(file)) {
			properties.store(out, "Passwords of the embedded database roles; keep this file private");
		}
		return properties;
	}

	/** Creates the roles, the database and the schema when missing (idempotent). */
	private static void bootstrap(EmbeddedPostgres postgres, Properties credentials, String schema) {
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("alter role " + SUPERUSER + " password '" + credentials.getProperty(SUPERUSER) + "'");
			ensureRole(s, OWNER_ROLE, credentials.getProperty(OWNER_ROLE));
			ensureRole(s, APP_ROLE, credentials.getProperty(APP_ROLE));
			var rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
			boolean exists = rs.next();
			rs.close();
			if (!exists) {
				s.execute("create database " + DATABASE + " owner " + OWNER_ROLE + " encoding 'UTF8' template template0");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the embedded database roles", ex);
		}
		try (Connection c = postgres.getDatabase("postgres", DATABASE).getConnection();
				Statement s = c.createStatement()) {
			s.execute("revoke create on schema public from public");
			s.execute("revoke all on database " + DATABASE + " from public");
			s.execute("grant connect on database " + DATABASE + " to " + APP_ROLE);
			s.execute("create schema if not exists " + schema + " authorization " + OWNER_ROLE);
			s.execute("grant usage on schema " + schema + " to " + APP_ROLE);
			// extensions the migrations use that only a superuser may create (earthdistance is not a trusted
			// extension); made here, in the application's schema, so that the migration's "if not exists" finds them
			for (String extension : new String[] { "cube", "earthdistance", "pg_trgm" }) {
				s.execute("create extension if not exists " + extension + " schema " + schema);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare the embedded database schema", ex);
		}
	}

	/**
	 * The library initialises the cluster with password-less local access; once every role has a password,
	 * switch every connection to SCRAM so that no local process reaches the data without one.
	 */
	private static void requirePasswords(EmbeddedPostgres postgres, Path dataDir) throws IOException {
		Path hba = dataDir.resolve("pg_hba.conf");
		String wanted = """
				# Caremap: every connection authenticates with a password (SCRAM)
				local all all scram-sha-256
				host all all 127.0.0.1/32 scram-sha-256
				host all all ::1/128 scram-sha-256
				# a standby of this server (caremap.db.replica.embedded) streams its WAL as this role only
				host replication caremap_replicator 127.0.0.1/32 scram-sha-256
				host replication caremap_replicator ::1/128 scram-sha-256
				""";
		if (Files.exists(hba) && Files.readString(hba).equals(wanted)) return;
		Files.writeString(hba, wanted);
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("select pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not reload the embedded database's access rules", ex);
		}
	}

	private static void ensureRole(Statement s, String role, String password) throws SQLException {
		var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + role + "'");
		boolean exists = rs.next();
		rs.close();
		String quoted = "'" + password.replace("'", "''") + "'";
		if (exists) {
			s.execute("alter role " + role + " with login nosuperuser nocreatedb nocreaterole password " + quoted);
		}
		else {
			s.execute("create role " + role + " with login nosuperuser nocreatedb nocreaterole password " + quoted);
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
	}

	public int port() {
		return postgres.getPort();
	}

	public String password(String role) {
		return credentials.getProperty(role);
	}

	public Path dataDir() {
		return dataDir;
	}

	Properties credentials() {
		return credentials;
	}

	/** The replication role's password: made and kept beside the others the first time a standby is made. */
	synchronized String replicatorPassword() throws IOException {
		String known = credentials.getProperty(REPLICATOR_ROLE);
		if (known != null) return known;
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		String made = HexFormat.of().formatHex(secret);
		credentials.setProperty(REPLICATOR_ROLE, made);
		try (var out = Files.newOutputStream(dataDir.getParent().resolve("db-credentials.properties"))) {
			credentials.store(out, "Passwords of the embedded database roles; keep this file private");
		}
		return made;
	}

	/** A connection as the superuser to one of the server's databases (for what only it may do: roles, slots, backups). */
	Connection superuser(String database) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", SUPERUSER);
		props.setProperty("password", credentials.getProperty(SUPERUSER));
		return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/" + database, props);
	}

	@Override
	public void close() {
		synchronized (EmbeddedPostgresServer.class) {
			if (--users > 0) return;
			RUNNING.remove(dataDir);
		}
		try {
			postgres.close();
			log.info("Embedded PostgreSQL stopped");
		}
		catch (IOException ex) {
			log.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}
}
