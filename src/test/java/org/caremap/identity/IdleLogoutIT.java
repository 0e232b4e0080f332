package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Automatic logoff, proven by waiting: a session idle longer than the timeout no longer reaches any page. */
@TestPropertySource(properties = "caremap.security.idle-timeout=3s")
class IdleLogoutIT extends IntegrationTest {

	@Autowired
	DemoLogins demo;

	@Test
	void idleSessionIsSignedOut() throws Exception {
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		// activity keeps the session alive
		Thread.sleep(1500);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		Thread.sleep(1500);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		// inactivity ends it
		Thread.sleep(4500);
		HttpResponse<String> after = browser.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(after)).endsWith("/login?expired");
		assertThat(browser.get("/login?expired").body()).contains("You were signed out because you were inactive");
	}
}
