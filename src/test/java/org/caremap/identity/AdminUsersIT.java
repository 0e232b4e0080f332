package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An administrator creates users, assigns roles, resets passwords and disables accounts, over real HTTP. */
class AdminUsersIT extends IntegrationTest {

	@Autowired
	DemoLogins demo;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	private Browserless admin() {
		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		admin.get("/admin/users/new");
		return admin;
	}

	private static String temporaryPassword(String page) {
		Matcher m = Pattern.compile("id=\"temporary-password\">([^<]+)<").matcher(page);
		assertThat(m.find()).as("temporary password shown").isTrue();
		return m.group(1);
	}

	@Test
	void invalidFormKeepsWhatWasTypedAndSaysWhatIsWrong() {
		Browserless admin = admin();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", "Bad Name!");
		form.put("displayName", "Kept Name");
		form.put("email", "not-an-email");
		HttpResponse<String> response = admin.post("/admin/users/new", form);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Please correct the fields marked below")
			.contains("value=\"Kept Name\"")
			.contains("Enter a valid e-mail address")
			.contains("Choose at least one");
		assertThat(accounts.findByUsername("bad name!")).isEmpty();
		HttpResponse<String> taken = admin.post("/admin/users/new",
				Map.of("username", "casemanager", "displayName", "Someone Else", "roles", "INTAKE"));
		assertThat(taken.body()).contains("The username casemanager is already taken");
	}

	@Test
	void newUserSignsInWithTheTemporaryPasswordAndMustChooseTheirOwn() {
		Browserless admin = admin();
		HttpResponse<String> created = admin.post("/admin/users/new",
				Map.of("username", "nina.park", "displayName", "Nina Park, RN", "email", "nina@example.org", "roles",
						"CASE_MANAGER"));
		assertThat(created.statusCode()).isEqualTo(302);
		String page = admin.get(Browserless.location(created).replaceFirst("^https?://[^/]+", "")).body();
		String temporary = temporaryPassword(page);
		assertThat(accounts.findByUsername("nina.park")).hasValueSatisfying(u -> {
			assertThat(u.roles()).containsExactly(Role.CASE_MANAGER);
			assertThat(u.displayName()).isEqualTo("Nina Park, RN");
		});

		Browserless nina = client();
		nina.login("nina.park", temporary);
		HttpResponse<String> home = nina.get("/");
		assertThat(Browserless.location(home)).endsWith("/account/password");
		nina.get("/account/password");
		HttpResponse<String> weak = nina.post("/account/password",
				Map.of("currentPassword", temporary, "newPassword", "password1234", "confirmPassword", "password1234"));
		assertThat(weak.body()).contains("This password is too common")
			.contains("type=\"password\"")
			.as("passwords are never sent back to the browser").doesNotContain("password1234").doesNotContain(temporary);
		nina.get("/account/password");
		HttpResponse<String> changed = nina.post("/account/password", Map.of("currentPassword", temporary,
				"newPassword", "river stones and lanterns", "confirmPassword", "river stones and lanterns"));
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(nina.get("/").statusCode()).isEqualTo(200);
	}

	@Test
	void disablingAnAccountEndsItsSessionsEverywhere() {
		Browserless admin = admin();
		HttpResponse<String> created = admin.post("/admin/users/new",
				Map.of("username", "leaving.user", "displayName", "Leaving User", "roles", "INTAKE"));
		String path = Browserless.location(created).replaceFirst("^https?://[^/]+", "");
		String temporary = temporaryPassword(admin.get(path).body());
		Browserless leaving = client();
		leaving.login("leaving.user", temporary);
		assertThat(leaving.get("/account/password").statusCode()).isEqualTo(200);

		admin.get(path);
		assertThat(admin.post(path + "/disable", Map.of()).statusCode()).isEqualTo(302);
		assertThat(admin.get(path).body()).contains("The account was disabled");

		// the open session is gone, and signing in again is refused with a plain message
		assertThat(leaving.get("/account/password").statusCode()).isEqualTo(302);
		assertThat(Browserless.location(client().login("leaving.user", temporary))).endsWith("/login?error=bad");
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'DISABLE' and actor = 'admin'")
			.query(Long.class).single()).isPositive();
	}

	@Test
	void whatWasJustDoneIsSaidOnceAtTheTopAndEachAccountShowsItsOwnStatus() {
		Browserless admin = admin();
		HttpResponse<String> created = admin.post("/admin/users/new",
				Map.of("username", "coming.back", "displayName", "Coming Back", "roles", "INTAKE"));
		String back = Browserless.location(created).replaceFirst("^https?://[^/]+", "");
		admin.get("/admin/users/new");
		String gone = Browserless.location(admin.post("/admin/users/new",
				Map.of("username", "gone.away", "displayName", "Gone Away", "roles", "INTAKE"))).replaceFirst("^https?://[^/]+", "");
		admin.get(gone);
		admin.post(gone + "/disable", Map.of());
		admin.get(back);
		admin.post(back + "/disable", Map.of());
		admin.get(back);
		HttpResponse<String> enabled = admin.post(back + "/enable", Map.of());
		String page = admin.get(Browserless.location(enabled).replaceFirst("^https?://[^/]+", "")).body();
		// the flash once, at the top; the account's own status beside it
		assertThat(occurrences(page, "The account was enabled.")).isEqualTo(1);
		assertThat(page.indexOf("The account was enabled.")).isLessThan(page.indexOf("<h1"));
		assertThat(page).containsPattern("<dd>\\s*<span>Active</span>\\s*</dd>");

		String list = admin.get("/admin/users").body();
		assertThat(list).doesNotContain("The account was enabled.");
		assertThat(status(list, "coming.back")).isEqualTo("Active");
		assertThat(status(list, "gone.away")).isEqualTo("Disabled");
		assertThat(status(list, "casemanager")).isEqualTo("Active");
		// every row says one of the three statuses, nothing else
		Matcher cells = Pattern.compile("id=\"status-[^\"]+\">(.*?)</td>", Pattern.DOTALL).matcher(list);
		int rows = 0;
		while (cells.find()) {
			rows++;
			assertThat(cells.group(1).replaceAll("<[^>]+>", "").trim()).isIn("Active", "Disabled", "Locked");
		}
		assertThat(rows).isGreaterThanOrEqualTo(8);
	}

	private static String status(String list, String username) {
		Matcher m = Pattern.compile("id=\"status-" + Pattern.quote(username) + "\">(.*?)</td>", Pattern.DOTALL).matcher(list);
		assertThat(m.find()).as("status of " + username).isTrue();
		return m.group(1).replaceAll("<[^>]+>", "").trim();
	}

	private static int occurrences(String text, String part) {
		int n = 0;
		for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
		return n;
	}

	@Test
	void rolesChangeAndAdministratorsCannotLockThemselvesOut() {
		Browserless admin = admin();
		String adminId = accounts.findByUsername("admin").orElseThrow().id().toString();
		admin.get("/admin/users/" + adminId);
		HttpResponse<String> response = admin.post("/admin/users/" + adminId,
				Map.of("displayName", "Alex Morgan", "email", "", "roles", "SUPERVISOR"));
		assertThat(response.body()).contains("You cannot remove your own administrator role");
		assertThat(accounts.findByUsername("admin").orElseThrow().roles()).contains(Role.ADMIN);
		admin.get("/admin/users/" + adminId);
		assertThat(admin.post("/admin/users/" + adminId + "/disable", Map.of()).statusCode()).isEqualTo(302);
		assertThat(accounts.findByUsername("admin").orElseThrow().enabled()).isTrue();
	}
}
