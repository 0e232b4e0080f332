package org.caremap.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Direct connections to the test run's embedded database, as the superuser or as the application role. */
public final class Database {

	private Database() {
	}

	public static Connection as(String jdbcUrl, Path home, String role) throws SQLException {
		Properties credentials = new Properties();
		try (var in = java.nio.file.Files.newInputStream(home.resolve("db-credentials.properties"))) {
			credentials.load(in);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		Properties props = new Properties();
		props.setProperty("user", role);
		props.setProperty("password", credentials.getProperty(role));
		props.setProperty("currentSchema", "caremap");
		return DriverManager.getConnection(jdbcUrl, props);
	}
}
