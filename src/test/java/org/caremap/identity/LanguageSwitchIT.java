package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.SystemActor;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The language switch ({@code ?uilang=}) is a GET any link can make, another site's too: it changes the visit's
 * language and never what a member of staff keeps on their account; the account page's form (a POST) keeps it.
 */
class LanguageSwitchIT extends IntegrationTest {

	private static final String PASSWORD = "Lantern switch passphrase 2026";

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSwitchByLinkChangesTheVisitOnlyAndTheAccountFormKeepsTheChoice() {
		String username = "switch." + UUID.randomUUID().toString().substring(0, 6);
		UserView user = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username,
				"Switch Tester", null, Set.of(Role.CASE_MANAGER), PASSWORD, false)));
		Browserless browser = client();
		browser.login(username, PASSWORD);
		assertThat(browser.get("/caseload").body()).contains("lang=\"en\"");
		// a link (a cross-site one too) switches this visit to Spanish
		assertThat(browser.get("/caseload?uilang=es").body()).contains("lang=\"es\"");
		assertThat(browser.get("/caseload").body()).contains("lang=\"es\"");
		assertThat(stored(user)).isZero();
		// the next sign-in is in the language kept on the account (none yet: the browser's, English)
		Browserless next = client();
		next.login(username, PASSWORD);
		assertThat(next.get("/caseload").body()).contains("lang=\"en\"");
		// the account page's form keeps the choice
		next.get("/account");
		assertThat(Browserless.location(next.post("/account/language", Map.of("language", "es")))).endsWith("/account");
		assertThat(stored(user)).isOne();
		Browserless third = client();
		third.login(username, PASSWORD);
		assertThat(third.get("/caseload").body()).contains("lang=\"es\"");
	}

	private long stored(UserView user) {
		return jdbc.sql("select count(*) from user_account where id = ? and ui_language is not null")
			.param(user.id().value()).query(Long.class).single();
	}
}
