package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff sign-in through the organisation's OpenID Connect provider, against a stand-in for a Keycloak realm run in
 * the test (discovery, key set, an authorize endpoint that approves at once, a token endpoint that checks the client
 * secret and the PKCE verifier and answers with a signed id token). The whole redirect sign-in is followed with
 * cookies: the person is matched by username or by e-mail, takes their roles from Caremap whatever the provider
 * says, and an unknown or disabled account is refused with a page that says so. Beside it, a role that requires the
 * second factor sends a password sign-in to set it up first.
 */
class OidcSignInIT extends IntegrationTest {

	static final StandInRealm REALM = new StandInRealm();
	static final String ISSUER = REALM.issuer;

	@Autowired JdbcClient jdbc;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("caremap.security.oidc.issuer-uri", () -> ISSUER);
		registry.add("caremap.security.oidc.client-id", () -> REALM.client);
		registry.add("caremap.security.oidc.client-secret", () -> REALM.secret);
		registry.add("caremap.security.oidc.name", () -> "Riverside Keycloak");
		registry.add("caremap.security.totp-required-roles", () -> "UTILIZATION_REVIEW");
	}

	@AfterAll
	static void stop() {
		REALM.stop();
	}

	private String newUser(String prefix, String displayName, String email, Role role) {
		String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		new Actors(users).run("admin", () -> accounts.create(new NewUser(username, displayName, email, Set.of(role),
				"seven green herons over the marsh", false)));
		return username;
	}

	/**
	 * The whole redirect sign-in as a browser does it: Caremap sends the client to the realm, the realm sends it back
	 * with a code, Caremap exchanges the code; the client keeps Caremap's cookies throughout. Where Caremap sends it.
	 */
	private String signIn(Browserless browser, Map<String, Object> person) throws Exception {
		REALM.next(person);
		HttpResponse<String> start = browser.get("/oauth2/authorization/oidc");
		assertThat(start.statusCode()).isEqualTo(302);
		String authorize = Browserless.location(start);
		assertThat(authorize).startsWith(ISSUER + "/protocol/openid-connect/auth").contains("code_challenge=")
			.contains("nonce=");
		HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
		URI back = URI.create(Browserless.location(approved));
		assertThat(back.getPort()).isEqualTo(port);
		assertThat(back.getPath()).isEqualTo("/login/oauth2/code/oidc");
		HttpResponse<String> done = browser.get(back.getRawPath() + "?" + back.getRawQuery());
		assertThat(done.statusCode()).isEqualTo(302);
		return Browserless.location(done);
	}

	private long audited(String actor, String detail) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGN_IN' and detail = ?")
			.params(actor, detail).query(Long.class).single();
	}

	@Test
	void theSignInPageOffersTheProvider() {
		String page = client().get("/login").body();
		assertThat(page).contains("Sign in with Riverside Keycloak").contains("href=\"/oauth2/authorization/oidc\"");
	}

	@Test
	void matchedByUsernameWithCaremapsRolesNotTheProviders() throws Exception {
		String username = newUser("oidc", "Maribel Ortega", null, Role.SUPERVISOR);
		Browserless browser = client();
		String landing = signIn(browser, Map.of("preferred_username", username, "email", "someone@elsewhere.example",
				"realm_access", Map.of("roles", java.util.List.of("ADMIN", "admin")), "roles", java.util.List.of("ADMIN")));
		assertThat(landing).doesNotContain("error").endsWith("/");
		assertThat(browser.get("/").body()).contains("Maribel Ortega");
		assertThat(browser.get("/caseload/team").statusCode()).as("a supervisor's page").isEqualTo(200);
		assertThat(browser.get("/admin/users").statusCode()).as("the provider's ADMIN role is not Caremap's").isEqualTo(403);
		assertThat(browser.get("/account/password").statusCode()).isEqualTo(200);
		assertThat(audited(username, "OpenID Connect: Riverside Keycloak")).isEqualTo(1);
		assertThat(jdbc.sql("select last_login_at is not null from user_account where username = ?").param(username)
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void matchedByVerifiedEmailWhenNoUsernameMatches() throws Exception {
		String email = "k.obi-" + UUID.randomUUID().toString().substring(0, 6) + "@riverside.example";
		String username = newUser("oidcmail", "Kelechi Obi", email, Role.CASE_MANAGER);
		Browserless browser = client();
		assertThat(signIn(browser, Map.of("preferred_username", "kobi-in-the-realm", "email", email.toUpperCase(java.util.Locale.ROOT),
				"email_verified", true))).endsWith("/");
		assertThat(browser.get("/").body()).contains("Kelechi Obi");
		assertThat(browser.get("/caseload").statusCode()).isEqualTo(200);
		assertThat(audited(username, "OpenID Connect: Riverside Keycloak")).isEqualTo(1);

		// an address the provider says it has not verified matches nobody
		Browserless unverified = client();
		assertThat(signIn(unverified, Map.of("preferred_username", "kobi-in-the-realm", "email", email, "email_verified", false)))
			.endsWith("/login?error=oidc-unknown");
		assertThat(unverified.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void anUnknownOrDisabledAccountIsRefusedWithAPageThatSaysSo() throws Exception {
		Browserless stranger = client();
		String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		String landing = signIn(stranger, Map.of("preferred_username", nobody, "email", nobody + "@riverside.example"));
		assertThat(landing).endsWith("/login?error=oidc-unknown");
		assertThat(stranger.get("/login?error=oidc-unknown").body())
			.contains("You signed in with Riverside Keycloak, but Caremap has no staff account for you");
		assertThat(Browserless.location(stranger.get("/"))).endsWith("/login");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGN_IN' and outcome = 'DENIED'")
			.param("oidc:" + nobody).query(Long.class).single()).isEqualTo(1);

		String username = newUser("oidcoff", "Pat Lindqvist", null, Role.CASE_MANAGER);
		jdbc.sql("update user_account set enabled = false where username = ?").param(username).update();
		Browserless disabled = client();
		assertThat(signIn(disabled, Map.of("preferred_username", username))).endsWith("/login?error=oidc-disabled");
		assertThat(disabled.get("/login?error=oidc-disabled").body()).contains("your Caremap account is turned off");
		assertThat(Browserless.location(disabled.get("/"))).endsWith("/login");
	}

	@Test
	void aCodeTheRealmDidNotIssueSignsNobodyIn() throws Exception {
		Browserless browser = client();
		REALM.next(Map.of("preferred_username", "admin"));
		String authorize = Browserless.location(browser.get("/oauth2/authorization/oidc"));
		String state = StandInRealm.query(URI.create(authorize).getRawQuery()).get("state");
		HttpResponse<String> forged = browser.get("/login/oauth2/code/oidc?code=made-up&state="
				+ java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
		assertThat(Browserless.location(forged)).endsWith("/login?error=oidc-failed");
		assertThat(Browserless.location(browser.get("/"))).endsWith("/login");
	}

	@Test
	void aRoleThatRequiresTheSecondFactorSendsAPasswordSignInToSetItUp() {
		String username = newUser("ur", "Imani Brooks", null, Role.UTILIZATION_REVIEW);
		Browserless browser = client();
		assertThat(Browserless.location(browser.login(username, "seven green herons over the marsh"))).endsWith("/");
		assertThat(Browserless.location(browser.get("/"))).endsWith("/account/two-factor");
		assertThat(Browserless.location(browser.get("/account"))).endsWith("/account/two-factor");
		HttpResponse<String> setup = browser.get("/account/two-factor");
		assertThat(setup.statusCode()).isEqualTo(200);
		assertThat(setup.body()).contains("Your role requires a code").contains("id=\"totp-secret\"");
		String secret = setup.body().replaceAll("(?s).*id=\"totp-secret\">([A-Z2-7 ]+)<.*", "$1").replace(" ", "");
		HttpResponse<String> on = browser.post("/account/two-factor",
				Map.of("code", org.caremap.shared.Totp.totp(org.caremap.shared.Totp.decodeBase32(secret), Instant.now(), "HmacSHA1", 6)));
		assertThat(Browserless.location(on)).endsWith("/");
		assertThat(Browserless.location(browser.get("/"))).doesNotContain("two-factor");
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
		// the role requires it: it cannot be turned off
		browser.get("/account/two-factor");
		browser.post("/account/two-factor/off", Map.of("password", "seven green herons over the marsh"));
		assertThat(jdbc.sql("select totp_secret is not null from user_account where username = ?").param(username)
			.query(Boolean.class).single()).isTrue();
	}

	@Test
	void wrongCodesLockTheAccountLikeWrongPasswords() {
		String username = newUser("code", "Tomasz Wilk", null, Role.CASE_MANAGER);
		jdbc.sql("update user_account set totp_secret = ? where username = ?")
			.params(org.caremap.shared.Totp.newSecret(), username).update();
		Browserless browser = client();
		assertThat(Browserless.location(browser.login(username, "seven green herons over the marsh"))).endsWith("/login/code");
		assertThat(Browserless.location(browser.get("/"))).as("not signed in before the code").endsWith("/login");
		browser.get("/login/code");
		for (int i = 1; i < 5; i++) {
			HttpResponse<String> wrong = browser.post("/login/code", Map.of("code", "000000"));
			assertThat(wrong.statusCode()).isEqualTo(200);
			assertThat(wrong.body()).contains("That code is not right");
		}
		assertThat(Browserless.location(browser.post("/login/code", Map.of("code", "000000")))).endsWith("/login?error=bad");
		assertThat(jdbc.sql("select locked_until > now() from user_account where username = ?").param(username)
			.query(Boolean.class).single()).isTrue();
		// locked: the right password no longer leads to the code
		assertThat(Browserless.location(client().login(username, "seven green herons over the marsh"))).endsWith("/login?error=bad");
	}
}
