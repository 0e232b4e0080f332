package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Automatic logoff, waited out: a session in use outlives its first expiry, because each request moves the expiry
 * on; a session idle past its expiry (as the session store recorded it) no longer reaches any page. The test waits
 * for recorded instants to pass, never for a fixed time, so a slow machine makes it slower, not red.
 */
@TestPropertySource(properties = "caremap.security.idle-timeout=3s")
class IdleLogoutIT extends IntegrationTest {

	/** How long the session is left idle between two requests that keep it alive: a third of the timeout. */
	private static final Duration PAUSE = Duration.ofSeconds(1);

	@Autowired
	DemoLogins demo;

	@Autowired
	JdbcClient jdbc;

	/** The session's row in the session store: when it was last used and when it expires (epoch millis). */
	record Stored(long lastAccess, long expiry) {
	}

	@Test
	void activityKeepsTheSessionAliveAndInactivityEndsIt() {
		Browserless browser = null;
		Stored last = null;
		// a machine that stalls for most of the timeout can let a kept-alive session expire: that proves nothing
		// either way, so the scenario starts again with a fresh session (a real early expiry fails at once)
		for (int attempt = 1; last == null; attempt++) {
			assertThat(attempt).as("attempts at keeping a session alive that the machine did not stall").isLessThanOrEqualTo(3);
			browser = client();
			browser.login("casemanager", demo.password("casemanager").orElseThrow());
			last = keptAlivePastItsFirstExpiry(browser);
		}

		// inactivity ends it: once the recorded expiry has passed, the next request finds the session gone
		long expiry = last.expiry();
		Eventually.until("the session's recorded expiry to pass", () -> System.currentTimeMillis() > expiry);
		HttpResponse<String> after = browser.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(after)).endsWith("/login?expired");
		assertThat(browser.get("/login?expired").body()).contains("You were signed out because you were inactive");
	}

	/**
	 * Uses the session every {@link #PAUSE} until the server has served it at a time past the expiry it had after
	 * the first request; the stored row after that request, or null when the machine stalled so long that the
	 * session expired between two requests.
	 */
	private Stored keptAlivePastItsFirstExpiry(Browserless browser) {
		String session = new String(Base64.getDecoder().decode(browser.cookie("CAREMAP_SESSION").orElseThrow()),
				StandardCharsets.UTF_8);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);
		Stored first = stored(session).orElseThrow();
		assertThat(first.expiry() - first.lastAccess()).as("expiry after the last use").isEqualTo(3000);
		Stored current = first;
		while (current.lastAccess() <= first.expiry()) {
			long idleSince = current.lastAccess();
			Eventually.until("the session to be idle for " + PAUSE, () -> System.currentTimeMillis() >= idleSince + PAUSE.toMillis());
			HttpResponse<String> page = browser.get("/");
			if (page.statusCode() != 200) {
				assertThat(Browserless.location(page)).as("a session in use is only ever ended by expiry").endsWith("/login?expired");
				// the server's clock (to the second, from the Date header) says when it looked at the session
				Instant served = ZonedDateTime.parse(page.headers().firstValue("Date").orElseThrow(),
						DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				assertThat(served.plusSeconds(1).toEpochMilli())
					.as("the session was ended before its expiry %s (the server answered at %s)", Instant.ofEpochMilli(current.expiry()), served)
					.isGreaterThan(current.expiry());
				return null;
			}
			Stored now = stored(session).orElseThrow();
			assertThat(now.expiry()).as("each request moves the expiry on").isGreaterThan(current.expiry());
			current = now;
		}
		return current;
	}

	private Optional<Stored> stored(String session) {
		return jdbc.sql("select last_access_time, expiry_time from spring_session where session_id = ?").param(session)
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2))).optional();
	}
}
