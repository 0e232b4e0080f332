package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In a real browser: the sign-in page offers the organisation's provider, the button goes through the (stand-in)
 * realm and back, and the person lands on their home page; a person the realm knows and Caremap does not is told so on
 * the sign-in page. By keyboard, every page checked with axe.
 */
class OidcSignInBrowserIT extends BrowserTest {

	static final StandInRealm REALM = new StandInRealm();

	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("caremap.security.oidc.issuer-uri", () -> REALM.issuer);
		registry.add("caremap.security.oidc.client-id", () -> REALM.client);
		registry.add("caremap.security.oidc.client-secret", () -> REALM.secret);
		registry.add("caremap.security.oidc.name", () -> "Riverside Keycloak");
	}

	@AfterAll
	static void stop() {
		REALM.stop();
	}

	@Test
	void signsInThroughTheOrganisationsProvider() throws Exception {
		String username = "sso-" + UUID.randomUUID().toString().substring(0, 8);
		new Actors(users).run("admin", () -> accounts.create(new NewUser(username, "Ama Mensah", null,
				Set.of(Role.CASE_MANAGER), "nine paper boats on a quiet pond", false)));
		driver = Chrome.start(1366, 768);
		driver.get(url("/login"));
		assertThat(driver.findElement(By.id("sign-in-oidc")).getText()).isEqualTo("Sign in with Riverside Keycloak");
		keep("login-oidc");
		REALM.next(Map.of("preferred_username", username));
		go(driver.findElement(By.id("sign-in-oidc")));
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.textToBe(By.tagName("h1"), "Hello, Ama Mensah"));

		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		REALM.next(Map.of("preferred_username", "not-in-caremap", "email", "someone@riverside.example"));
		go(driver.findElement(By.id("sign-in-oidc")));
		assertThat(new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText())
			.contains("Caremap has no staff account for you");
		keep("login-oidc-unknown");
		assertThat(Chrome.consoleErrors(driver)).as("browser console errors").isEmpty();
	}

	private void keep(String name) throws Exception {
		Chrome.shot(driver, name);
		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		Files.copy(Chrome.SHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}
}
