package org.caremap.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Prepares a separate PostgreSQL the way the README tells a DBA to: docs/external-database.sql, passwords filled. */
public final class ExternalDatabase {

	public static final String OWNER_PASSWORD = "owner-secret-for-test";
	public static final String APP_PASSWORD = "app-secret-for-test";

	private ExternalDatabase() {
	}

	/** The settings that point the application at the prepared database on this port, as an operator sets them. */
	public static java.util.Map<String, String> environment(int port) {
		return java.util.Map.of("CAREMAP_DB_URL", "jdbc:postgresql://localhost:" + port + "/caremap", "CAREMAP_DB_USER", "caremap_app",
				"CAREMAP_DB_PASSWORD", APP_PASSWORD, "CAREMAP_DB_OWNER_USER", "caremap_owner", "CAREMAP_DB_OWNER_PASSWORD",
				OWNER_PASSWORD);
	}

	public static void prepare(EmbeddedPostgres server) throws Exception {
		String script = Files.readString(Path.of("docs", "external-database.sql"))
			.replace("CHANGE-ME-owner-password", OWNER_PASSWORD)
			.replace("CHANGE-ME-app-password", APP_PASSWORD);
		String[] parts = script.split("\\\\connect caremap");
		execute(server.getPostgresDatabase().getConnection(), parts[0]);
		execute(server.getDatabase("postgres", "caremap").getConnection(), parts[1]);
	}

	/**
	 * Brings a database prepared by an older script up to date the way the README's upgrade note tells a DBA to: the
	 * script's {@code create extension if not exists} lines, run again as the superuser.
	 */
	public static void upgrade(EmbeddedPostgres server) throws Exception {
		String extensions = Files.readString(Path.of("docs", "external-database.sql")).lines()
			.filter(l -> l.startsWith("create extension if not exists")).reduce("", (a, b) -> a + "\n" + b);
		execute(server.getDatabase("postgres", "caremap").getConnection(), extensions);
	}

	private static void execute(Connection connection, String sql) throws Exception {
		try (connection; Statement s = connection.createStatement()) {
			// comments out first (as psql reads them), so that a semicolon in a comment does not end a statement
			String code = sql.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
			for (String statement : code.split(";")) {
				if (!statement.isBlank()) s.execute(statement.strip());
			}
		}
	}
}
