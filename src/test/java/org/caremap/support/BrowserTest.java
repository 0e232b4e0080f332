package org.caremap.support;

import org.caremap.demo.DemoLogins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the browser tests: the whole application, a headless Chromium driven by keyboard, demo sign-ins. Without
 * Chromium the tests are skipped with a banner on the console, or fail where {@code CI} is set (see {@link Chrome}).
 */
@org.junit.jupiter.api.extension.ExtendWith(Chrome.Required.class)
public abstract class BrowserTest extends IntegrationTest {

	@Autowired
	protected DemoLogins demo;

	protected ChromeDriver driver;

	/** Where {@code CI} is set, a missing Chromium fails the class before the application starts for it. */
	@BeforeAll
	static void requireBrowserOnCi(TestInfo info) {
		if (Chrome.onCi()) Chrome.requireBrowser(info.getTestClass().map(Class::getSimpleName).orElse("the browser tests"));
	}

	/**
	 * Quits the browser, and fails the test where a page it showed breaks a WCAG 2.1 A or AA rule (axe checks every
	 * page the driver of {@link Chrome#start} comes to, once per path).
	 */
	@AfterEach
	void quitBrowser() {
		if (driver == null) return;
		java.util.List<Axe.Violation> violations;
		try {
			violations = Chrome.accessibility(driver);
		}
		finally {
			driver.quit();
		}
		if (!violations.isEmpty()) {
			org.junit.jupiter.api.Assertions.fail("axe (WCAG 2.1 AA) found " + violations.size() + " violation"
					+ (violations.size() == 1 ? "" : "s") + ":" + System.lineSeparator()
					+ String.join(System.lineSeparator(), violations.stream().map(Axe.Violation::toString).toList()));
		}
	}

	protected String url(String path) {
		return "http://localhost:" + port + path;
	}

	/** Presses the element with the keyboard and waits for the next page. */
	protected void go(WebElement element) {
		Chrome.press(driver, element);
	}

	/** Signs in as a demo user with the password the demo organisation gave them (any earlier session ends). */
	protected void signIn(String username) {
		driver.manage().deleteAllCookies();
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		driver.findElement(By.id("password")).sendKeys(demo.password(username).orElseThrow());
		go(driver.findElement(By.id("sign-in")));
	}

	/** Checks that the page is no wider than the window (nothing to scroll sideways on a phone). */
	protected void fitsThePhone(String what) {
		@SuppressWarnings("unchecked")
		java.util.Map<String, Object> sizes = (java.util.Map<String, Object>) driver.executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		org.assertj.core.api.Assertions.assertThat(((Number) sizes.get("scroll")).longValue()).as(what + " " + sizes)
			.isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
	}

	/** Quits this browser after axe looked at every page it showed (the check after each test sees only the last browser). */
	protected void quitChecked() {
		java.util.List<Axe.Violation> violations = Chrome.accessibility(driver);
		driver.quit();
		driver = null;
		org.assertj.core.api.Assertions.assertThat(violations).as("axe (WCAG 2.1 AA)").isEmpty();
	}

	protected void shot(String name) throws java.io.IOException {
		Chrome.shot(driver, name);
	}
}
