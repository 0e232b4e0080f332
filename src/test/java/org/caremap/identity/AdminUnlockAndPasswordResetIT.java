package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An administrator unlocks an account locked by failed sign-ins, and resets a forgotten password, over real HTTP:
 * the unlocked user signs in again; the reset gives a temporary password that works once, only to choose a new
 * one, while the old password no longer works; each act is audited under the administrator's name, and nobody but
 * an administrator can do either.
 */
class AdminUnlockAndPasswordResetIT extends IntegrationTest {

	private static final Pattern TEMPORARY = Pattern.compile("id=\"temporary-password\">([^<]+)<");

	@Autowired
	DemoLogins demo;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Value("${caremap.security.max-failed-attempts}")
	int maxFailedAttempts;

	/** A case manager of the test's own, with a password she chose (no change required). */
	private UserId newCaseManager(String username, String password) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username,
				"Test " + username, null, Set.of(Role.CASE_MANAGER), password, false))).id();
	}

	private static String unique(String prefix) {
		return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
	}

	private Browserless signedIn(String username, String password) {
		Browserless browser = client();
		HttpResponse<String> login = browser.login(username, password);
		assertThat(Browserless.location(login)).as("signing in as " + username).doesNotContain("/login");
		return browser;
	}

	private Browserless admin() {
		return signedIn("admin", demo.password("admin").orElseThrow());
	}

	/** Where signing in with this password leads: the sign-in page with an error, or the page asked for. */
	private String signInLeadsTo(String username, String password) {
		return Browserless.location(client().login(username, password));
	}

	private long audited(String action, UserId user) {
		return jdbc.sql("""
				select count(*) from audit_event where action = ? and resource_type = 'UserAccount' and resource_id = ?
				  and actor = 'admin' and outcome = 'SUCCESS'""")
			.params(action, user.toString()).query(Long.class).single();
	}

	private void lockOut(String username) {
		for (int i = 1; i <= maxFailedAttempts; i++) {
			assertThat(signInLeadsTo(username, "wrong password " + i)).as("failed attempt %d", i).endsWith("/login?error=bad");
		}
	}

	@Test
	void aLockedAccountUnlockedByTheAdministratorSignsInAgain() {
		String username = unique("locked");
		String password = "a lantern by the harbour wall";
		UserId user = newCaseManager(username, password);
		lockOut(username);
		assertThat(signInLeadsTo(username, password)).as("even the right password, while locked").endsWith("/login?error=bad");

		// someone who is not an administrator cannot unlock it
		Browserless supervisor = signedIn("supervisor", demo.password("supervisor").orElseThrow());
		supervisor.get("/");
		assertThat(supervisor.post("/admin/users/" + user + "/unlock", Map.of()).statusCode()).isEqualTo(403);
		assertThat(signInLeadsTo(username, password)).endsWith("/login?error=bad");

		Browserless admin = admin();
		String page = "/admin/users/" + user;
		assertThat(admin.get(page).body()).as("the account page says it is locked").contains("Locked").contains("/unlock");
		HttpResponse<String> unlocked = admin.post(page + "/unlock", Map.of());
		assertThat(unlocked.statusCode()).isEqualTo(302);
		assertThat(admin.get(page).body()).contains("The account was unlocked.");

		Browserless back = signedIn(username, password);
		assertThat(back.get("/").statusCode()).isEqualTo(200);
		assertThat(audited("UNLOCK", user)).isEqualTo(1);
	}

	@Test
	void aResetGivesATemporaryPasswordThatMustBeChangedAtTheNextSignIn() {
		String username = unique("forgot");
		String old = "the old password nobody remembers";
		UserId user = newCaseManager(username, old);
		String page = "/admin/users/" + user;

		// only an administrator resets passwords
		Browserless supervisor = signedIn("supervisor", demo.password("supervisor").orElseThrow());
		supervisor.get("/");
		assertThat(supervisor.post(page + "/reset-password", Map.of()).statusCode()).isEqualTo(403);
		assertThat(audited("RESET_PASSWORD", user)).isZero();
		assertThat(signInLeadsTo(username, old)).doesNotContain("/login");

		Browserless admin = admin();
		admin.get(page);
		HttpResponse<String> reset = admin.post(page + "/reset-password", Map.of());
		assertThat(reset.statusCode()).isEqualTo(302);
		String shown = admin.get(page).body();
		assertThat(shown).contains("The password was reset.");
		Matcher m = TEMPORARY.matcher(shown);
		assertThat(m.find()).as("the temporary password is shown to the administrator once").isTrue();
		String temporary = m.group(1);
		assertThat(temporary).isNotBlank().isNotEqualTo(old);
		assertThat(admin.get(page).body()).as("and not again").doesNotContain(temporary);
		assertThat(audited("RESET_PASSWORD", user)).isEqualTo(1);

		assertThat(signInLeadsTo(username, old)).as("the old password").endsWith("/login?error=bad");

		// the temporary password signs in, but only to the page that changes it
		Browserless user1 = signedIn(username, temporary);
		for (String anywhere : List.of("/", "/myday", "/caseload")) {
			HttpResponse<String> response = user1.get(anywhere);
			assertThat(response.statusCode()).as(anywhere).isEqualTo(302);
			assertThat(Browserless.location(response)).as(anywhere).endsWith("/account/password");
		}
		user1.get("/account/password");
		String chosen = "seven herons over the estuary";
		HttpResponse<String> changed = user1.post("/account/password",
				Map.of("currentPassword", temporary, "newPassword", chosen, "confirmPassword", chosen));
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(user1.get("/").statusCode()).isEqualTo(200);

		// from now on only the password she chose works
		assertThat(signInLeadsTo(username, temporary)).as("the temporary password, once used").endsWith("/login?error=bad");
		assertThat(signInLeadsTo(username, old)).as("the old password").endsWith("/login?error=bad");
		Browserless later = signedIn(username, chosen);
		assertThat(later.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void aResetAlsoUnlocksAndOnlyTheTemporaryPasswordGetsIn() {
		String username = unique("locked.forgot");
		String old = "a password typed wrong too often";
		UserId user = newCaseManager(username, old);
		lockOut(username);

		Browserless admin = admin();
		String page = "/admin/users/" + user;
		admin.get(page);
		admin.post(page + "/reset-password", Map.of());
		Matcher m = TEMPORARY.matcher(admin.get(page).body());
		assertThat(m.find()).isTrue();
		String temporary = m.group(1);

		assertThat(signInLeadsTo(username, old)).endsWith("/login?error=bad");
		Browserless browser = signedIn(username, temporary);
		assertThat(Browserless.location(browser.get("/"))).endsWith("/account/password");
		assertThat(audited("RESET_PASSWORD", user)).isEqualTo(1);
		assertThat(audited("UNLOCK", user)).as("the reset unlocked it without a separate unlock").isZero();
	}
}
