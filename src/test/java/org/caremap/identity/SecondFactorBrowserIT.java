package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.Totp;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A staff member sets up an authenticator app on their account page (the key read from the page, the code computed
 * as the app would) and from then on signs in with their password and a code: a wrong code is refused and counted
 * like a wrong password, the right one signs in. By keyboard, every page checked with axe.
 */
class SecondFactorBrowserIT extends BrowserTest {

	private static final String PASSWORD = "four quiet lanterns by the river";

	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private String newCaseManager() {
		String username = "totp-" + UUID.randomUUID().toString().substring(0, 8);
		new Actors(users).run("admin", () -> accounts.create(new NewUser(username, "Noor Haddad", null,
				Set.of(Role.CASE_MANAGER), PASSWORD, false)));
		return username;
	}

	private void password(String username) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username + Keys.TAB);
		driver.switchTo().activeElement().sendKeys(PASSWORD + Keys.ENTER);
	}

	private static String code(String secret, Instant at) {
		return Totp.totp(Totp.decodeBase32(secret), at, "HmacSHA1", Totp.DIGITS);
	}

	@Test
	void setsUpAnAuthenticatorAppAndSignsInWithItsCode() throws Exception {
		String username = newCaseManager();
		driver = Chrome.start(1366, 900);
		password(username);
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.textToBe(By.tagName("h1"), "Hello, Noor Haddad"));

		driver.get(url("/account"));
		go(driver.findElement(By.id("totp-link")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Two-step sign-in");
		String secret = driver.findElement(By.id("totp-secret")).getText().replace(" ", "");
		assertThat(driver.findElement(By.id("totp-uri")).getAttribute("textContent"))
			.startsWith("otpauth://totp/Caremap:" + username + "?secret=" + secret);
		assertThat(driver.findElements(By.cssSelector("#totp-qr path"))).hasSize(1);
		keep("account-two-factor");
		driver.findElement(By.id("totp-code")).sendKeys("000000" + Keys.ENTER);
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".alert-danger")));
		driver.findElement(By.id("totp-code")).sendKeys(code(secret, Instant.now()) + Keys.ENTER);
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.presenceOfElementLocated(By.id("totp-on")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("From now on");

		// the password alone no longer signs in: the code is asked, and a wrong one counts like a wrong password
		password(username);
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.urlContains("/login/code"));
		keep("login-code");
		driver.get(url("/"));
		assertThat(driver.getCurrentUrl()).as("nobody is signed in before the code").endsWith("/login");
		driver.get(url("/login/code"));
		driver.switchTo().activeElement().sendKeys("123456" + Keys.ENTER);
		assertThat(new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText()).contains("not right");
		assertThat(jdbc.sql("select failed_attempts from user_account where username = ?").param(username)
			.query(Integer.class).single()).isEqualTo(1);
		keep("login-code-wrong");
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		fitsThePhone("the code page on a phone");
		// the step after the one taken at the set-up (a code is taken once)
		driver.findElement(By.id("code")).sendKeys(code(secret, Instant.now().plusSeconds(Totp.STEP_SECONDS)) + Keys.ENTER);
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.textToBe(By.tagName("h1"), "Hello, Noor Haddad"));
		assertThat(jdbc.sql("select failed_attempts from user_account where username = ?").param(username)
			.query(Integer.class).single()).isZero();
		assertThat(jdbc.sql("select detail from audit_event where actor = ? and action = 'SIGN_IN' order by id")
			.param(username).query(String.class).list())
			.containsSubsequence("password accepted; authenticator code asked", "wrong authenticator code",
					"password and authenticator code");
		assertThat(Chrome.consoleErrors(driver)).as("browser console errors").isEmpty();
	}

	private void keep(String name) throws Exception {
		Chrome.shot(driver, name);
		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		Files.copy(Chrome.SHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}
}
