package org.caremap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.caremap.demo.DemoLogins;
import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a random port, over the real embedded PostgreSQL in a
 * folder of this test run (shared by every test context of the run), with the demo organisation loaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	/** One data folder per test JVM, fresh at the start of the run. */
	public static final Path HOME = freshHome();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("caremap.home", HOME::toString);
		registry.add("caremap.demo.enabled", () -> "true");
		registry.add("caremap.adt.mllp-port", () -> "0");
		// every test signs in from 127.0.0.1: the per-address throttle is tested by setting its count directly
		registry.add("caremap.security.sign-in-failures-per-address", () -> "1000");
		// asynchronous imports commit in small chunks, so a test sees a job part way
		registry.add("caremap.fhir.import-chunk-entries", () -> "50");
		registry.add("logging.file.name", () -> HOME.resolve("logs/caremap.log").toString());
	}

	@Autowired
	private DemoLogins demoLogins;

	protected Browserless client() {
		return new Browserless("http://localhost:" + port);
	}

	/** A client signed in to the portal as this account (the sign-in lands on the portal's home). */
	protected Browserless portalClient(PortalLogins.PortalLogin login) {
		Browserless b = client();
		assertThat(Browserless.location(PortalLogins.signIn(b, login))).endsWith("/portal");
		return b;
	}

	/** A client signed in as one of the demo's staff logins ("casemanager": Dana Whitfield). */
	protected Browserless staffClient(String username) {
		Browserless b = client();
		assertThat(Browserless.location(b.login(username, demoLogins.password(username).orElseThrow())))
			.doesNotContain("error");
		return b;
	}

	private static Path freshHome() {
		Path home = Path.of("target", "it-home").toAbsolutePath();
		Folders.deleteTree(home);
		return home;
	}
}
