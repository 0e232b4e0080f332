package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.caremap.CaremapApplication;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.SystemActor;
import org.caremap.support.Folders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Data entered survives stopping and starting Caremap on its embedded database. */
class RestartIT {

	/** Settings as command-line arguments, which win over application.yml (as they do for a real start). */
	static String[] args(Map<String, Object> settings) {
		return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	@Test
	void dataSurvivesARestart() {
		Path home = Path.of("target", "it-restart").toAbsolutePath();
		Folders.deleteTree(home);
		Map<String, Object> settings = Map.of("caremap.home", home.toString(), "server.port", "0", "caremap.adt.mllp-port", "0",
				"logging.file.name", home.resolve("logs/caremap.log").toString());
		long usersAfterFirstStart;
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(CaremapApplication.class)
			.run(args(settings))) {
			UserAccounts accounts = first.getBean(UserAccounts.class);
			SystemActor.run("test", List.of("ADMIN"), () -> accounts.create(new NewUser("survivor", "Sam Survivor",
					"sam@example.org", Set.of(Role.CARE_TEAM), "a-password-that-survives", false)));
			usersAfterFirstStart = accounts.count();
			assertThat(first.getBean(JdbcClient.class).sql("select count(*) from patient").query(Long.class).single())
				.isEqualTo(200);
		}
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CaremapApplication.class)
			.run(args(settings))) {
			UserAccounts accounts = second.getBean(UserAccounts.class);
			assertThat(accounts.findByUsername("survivor")).hasValueSatisfying(u -> {
				assertThat(u.displayName()).isEqualTo("Sam Survivor");
				assertThat(u.roles()).containsExactly(Role.CARE_TEAM);
			});
			// the demo organisation is not created twice
			assertThat(accounts.count()).isEqualTo(usersAfterFirstStart);
			assertThat(second.getBean(JdbcClient.class).sql("select count(*) from patient").query(Long.class).single())
				.isEqualTo(200);
		}
	}
}
