package org.caremap.support;

import org.caremap.demo.DemoLogins;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** Base of the browser tests: the whole application, a headless Chromium driven by keyboard, demo sign-ins. */
public abstract class BrowserTest extends IntegrationTest {

	@Autowired
	protected DemoLogins demo;

	protected ChromeDriver driver;

	@AfterEach
	void quitBrowser() {
		if (driver != null) driver.quit();
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

	protected void shot(String name) throws java.io.IOException {
		Chrome.shot(driver, name);
	}
}
