package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import org.caremap.demo.DemoLogins;
import org.caremap.shared.SystemActor;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** HTTP-level safeguards: sign-in required, lockout kept in the database, CSRF, security headers. */
class SecurityIT extends IntegrationTest {

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoLogins demo;

	@Test
	void unauthenticatedRequestIsRedirectedToLogin() {
		Browserless anonymous = client();
		HttpResponse<String> response = anonymous.get("/");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(response)).endsWith("/login");
		assertThat(anonymous.get("/admin/users").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
	}

	@Test
	void demoLoginSucceedsAndWrongPasswordFails() {
		Browserless browser = client();
		HttpResponse<String> bad = browser.login("casemanager", "not-the-password");
		assertThat(Browserless.location(bad)).endsWith("/login?error=bad");
		assertThat(browser.get("/login?error=bad").body()).contains("The username or password is not right");
		HttpResponse<String> good = browser.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(good.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(good)).doesNotContain("error");
		assertThat(browser.get("/").body()).contains("Dana Whitfield");
	}

	@Test
	void accountLocksAfterRepeatedFailuresAndTheLockIsKeptInTheDatabase() {
		String password = "a-long-enough-password-42";
		SystemActor.run("test", java.util.List.of("ADMIN"), () -> accounts.create(
				new NewUser("lockout.victim", "Lockout Victim", null, Set.of(Role.CASE_MANAGER), password, false)));
		Browserless browser = client();
		for (int i = 1; i <= 5; i++) {
			HttpResponse<String> response = browser.login("lockout.victim", "wrong-" + i);
			assertThat(Browserless.location(response)).as("attempt %d", i).endsWith("/login?error=bad");
		}
		var row = jdbc.sql("select failed_attempts, locked_until from user_account where username = 'lockout.victim'")
			.query((rs, n) -> Map.entry(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
			.single();
		assertThat(row.getKey()).isEqualTo(5);
		assertThat(row.getValue()).isAfter(OffsetDateTime.now());
		// now even the right password is refused, with the same words an unknown user gets: the page never tells
		// whether an account exists or is locked (the audit trail keeps the real reason)
		HttpResponse<String> locked = browser.login("lockout.victim", password);
		assertThat(Browserless.location(locked)).endsWith("/login?error=bad");
		Browserless stranger = client();
		assertThat(Browserless.location(stranger.login("nobody.by.this.name", password))).endsWith("/login?error=bad");
		String lockedPage = browser.get("/login?error=bad").body();
		assertThat(lockedPage).contains("or the account cannot be used now");
		assertThat(message(stranger.get("/login?error=bad").body())).isEqualTo(message(lockedPage));
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'lockout.victim' and action = 'SIGN_IN' "
				+ "and outcome = 'DENIED' and detail = 'LockedException'").query(Long.class).single()).isPositive();
		// the lock holds for any node: it lives in the database, not in this node's memory
		jdbc.sql("update user_account set locked_until = now() - interval '1 minute' where username = 'lockout.victim'")
			.update();
		assertThat(Browserless.location(client().login("lockout.victim", password))).doesNotContain("error");
		assertThat(jdbc.sql("select failed_attempts from user_account where username = 'lockout.victim'")
			.query(Integer.class).single()).isZero();
	}

	@Test
	void anAddressThatFailsTooOftenIsRefusedWhateverTheAccount() {
		// the tests run with a limit of 1,000 failures per address: bring this machine's addresses to one short
		String[] addresses = { "127.0.0.1", "0000:0000:0000:0000::/64" };
		for (String address : addresses) {
			jdbc.sql("insert into sign_in_throttle (address, window_start, failures) values (?, now(), 999) "
					+ "on conflict (address) do update set window_start = now(), failures = 999").param(address).update();
		}
		try {
			Browserless browser = client();
			assertThat(Browserless.location(browser.login("nobody.from.here", "guess-1"))).endsWith("/login?error=bad");
			// the limit is reached: even a real account with its right password is refused, before any password check
			HttpResponse<String> refused = browser.login("casemanager", demo.password("casemanager").orElseThrow());
			assertThat(Browserless.location(refused)).endsWith("/login?error=throttled");
			assertThat(browser.get("/login?error=throttled").body()).contains("Too many failed sign-ins from this computer");
			assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and action = 'SIGN_IN' "
					+ "and outcome = 'DENIED' and detail like 'too many failed sign-ins from %'").query(Long.class).single())
				.isPositive();
		}
		finally {
			for (String address : addresses) jdbc.sql("delete from sign_in_throttle where address = ?").param(address).update();
		}
		assertThat(Browserless.location(client().login("casemanager", demo.password("casemanager").orElseThrow())))
			.doesNotContain("error");
	}

	/** The error the sign-in page shows. */
	private static String message(String page) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"login-error\"[\\s\\S]*?</div>").matcher(page);
		assertThat(m.find()).as("the page shows a sign-in error").isTrue();
		return m.group();
	}

	@Test
	void postWithoutCsrfTokenIsRejected() {
		Browserless browser = client();
		browser.login("admin", demo.password("admin").orElseThrow());
		assertThat(browser.get("/notifications").statusCode()).isEqualTo(200);
		HttpResponse<String> response = browser.postRaw("/notifications/read-all", Map.of());
		assertThat(response.statusCode()).isEqualTo(403);
		HttpResponse<String> withToken = browser.get("/notifications");
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(browser.post("/notifications/read-all", Map.of()).statusCode()).isEqualTo(302);
	}

	@Test
	void loginWithoutCsrfTokenIsRejected() {
		HttpResponse<String> response = client().postRaw("/login",
				Map.of("username", "admin", "password", demo.password("admin").orElseThrow()));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void securityHeadersArePresent() {
		HttpResponse<String> response = client().get("/login");
		var headers = response.headers();
		String csp = headers.firstValue("Content-Security-Policy").orElseThrow();
		assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
		assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSite() {
		Browserless browser = client();
		browser.get("/login");
		HttpResponse<String> response = browser.post("/login",
				Map.of("username", "admin", "password", demo.password("admin").orElseThrow()));
		String cookie = response.headers().allValues("Set-Cookie").stream()
			.filter(c -> c.startsWith("CAREMAP_SESSION=")).findFirst().orElseThrow();
		assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
	}

	@Test
	void pagesOfAnotherRoleAreForbidden() {
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> response = browser.get("/admin/users");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("You do not have access");
		assertThat(jdbc.sql("""
				select count(*) from audit_event where actor = 'casemanager' and outcome = 'DENIED'
				and resource_id = 'GET /admin/users'""").query(Long.class).single()).isPositive();
	}

	@Test
	void healthIsOpenAndMetricsNeedAnAdministrator() {
		assertThat(client().get("/actuator/health", "application/json").statusCode()).isEqualTo(200);
		assertThat(client().get("/actuator/info", "application/json").statusCode()).isEqualTo(200);
		assertThat(client().get("/actuator/prometheus", "text/plain").statusCode()).isEqualTo(401);
		assertThat(client().get("/actuator/env", "application/json").statusCode()).isIn(401, 403, 404);
	}
}
