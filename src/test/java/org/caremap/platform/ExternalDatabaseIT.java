package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.caremap.CaremapApplication;
import org.caremap.identity.UserAccounts;
import org.caremap.support.ExternalDatabase;
import org.caremap.support.Folders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second, separate PostgreSQL, prepared with the README's script for external databases, is used instead of
 * the embedded one: Caremap starts, migrates it as the owner role and runs as the application role.
 */
class ExternalDatabaseIT {

	@Test
	void startsOnAnExternalDatabaseAndMigratesIt() throws Exception {
		Path home = Path.of("target", "it-external").toAbsolutePath();
		Folders.deleteTree(home);
		try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(home.resolve("other-postgres"))
			.setCleanDataDirectory(true)
			.start()) {
			ExternalDatabase.prepare(external);
			String url = "jdbc:postgresql://localhost:" + external.getPort() + "/caremap";
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CaremapApplication.class)
				.run(RestartIT.args(Map.of("caremap.home", home.toString(), "server.port", "0", "caremap.adt.mllp-port", "0", "caremap.db.url", url,
						"caremap.db.user", "caremap_app", "caremap.db.password", "app-secret-for-test",
						"caremap.db.owner-user", "caremap_owner", "caremap.db.owner-password", "owner-secret-for-test",
						"logging.file.name", home.resolve("logs/caremap.log").toString())))) {
				DatabaseInfo info = app.getBean(DatabaseInfo.class);
				assertThat(info.embedded()).isFalse();
				assertThat(info.url()).isEqualTo(url);
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("caremap_app");
				assertThat(jdbc.sql("select count(*) from flyway_schema_history where success and version is not null")
					.query(Long.class).single()).isGreaterThanOrEqualTo(7);
				assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'audit_event'")
					.query(String.class).single()).isEqualTo("caremap_owner");
				// no demo organisation on an external database unless asked for
				assertThat(app.getBean(UserAccounts.class).count()).isZero();
				// and no embedded server was started
				assertThat(home.resolve("postgres")).doesNotExist();
			}
		}
	}

}
