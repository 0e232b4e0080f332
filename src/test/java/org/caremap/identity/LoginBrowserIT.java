package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.caremap.support.Chrome;
import org.caremap.support.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** A real browser signs in as the demo case manager, sees the wrong-password error, and walks the pages. */
class LoginBrowserIT extends BrowserTest {

	static final Path SHOTS = Path.of("target", "screenshots");


	private void signIn(String username, String password) {
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys(username);
		WebElement field = driver.findElement(By.id("password"));
		field.sendKeys(password);
		Chrome.press(driver, field);
	}

	@Test
	void caseManagerSignsInWithTheKeyboardAndSeesTheHomePage() throws Exception {
		driver = Chrome.start(1366, 768);
		driver.get(url("/login"));
		shot("login");
		// the username field has focus; everything by keyboard
		driver.switchTo().activeElement().sendKeys("casemanager" + Keys.TAB);
		driver.switchTo().activeElement().sendKeys(demo.password("casemanager").orElseThrow() + Keys.ENTER);
		new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.textToBe(By.tagName("h1"), "Hello, Dana Whitfield, RN"));
		assertThat(driver.getPageSource()).contains("Open cases").contains("My caseload");
		shot("home-case-manager");
		// the skip link is the first stop for the keyboard
		driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
		assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
		// My day: complete the first task from its row, in place
		driver.get(url("/myday"));
		shot("my-day");
		assertThat(Chrome.consoleErrors(driver)).as("browser console errors").isEmpty();
		WebElement firstRow = driver.findElement(By.cssSelector("#worklist tbody tr[id^='task-']"));
		String rowId = firstRow.getAttribute("id");
		WebElement outcome = firstRow.findElement(By.name("outcome"));
		outcome.sendKeys("Reached the patient; no new concerns" + Keys.ENTER);
		// the row's own button says "Done" too: wait for the row htmx swaps in, looking it up afresh each time
		String done = new WebDriverWait(driver, Chrome.PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(d -> {
				WebElement row = d.findElement(By.id(rowId));
				return row.getAttribute("class").contains("cm-row-done") ? row.getText() : null;
			});
		assertThat(done).contains("Reached the patient");
		assertThat(Chrome.consoleErrors(driver)).as("browser console errors").isEmpty();
	}

	@Test
	void wrongPasswordShowsAPlainError() throws Exception {
		driver = Chrome.start(1366, 768);
		signIn("casemanager", "definitely-wrong-password");
		assertThat(new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error"))).getText())
			.contains("The username or password is not right");
		assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo("casemanager");
		shot("login-error");
	}

	@Test
	void administratorPagesRender() throws Exception {
		driver = Chrome.start(1366, 768);
		signIn("admin", demo.password("admin").orElseThrow());
		driver.get(url("/admin/users"));
		assertThat(driver.findElements(By.cssSelector("tbody tr")).size()).isGreaterThanOrEqualTo(7);
		shot("admin-users");
		driver.get(url("/admin/audit"));
		driver.findElement(By.id("verify-audit")).click();
		new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification"), "The audit chain is intact"));
		shot("admin-audit");
		driver.get(url("/notifications"));
		shot("notifications");
		driver.get(url("/help"));
		shot("help");
		assertThat(Chrome.consoleErrors(driver)).as("browser console errors").isEmpty();
		// keyboard shortcut: g then n opens the notifications
		driver.findElement(By.tagName("body")).sendKeys("g");
		driver.findElement(By.tagName("body")).sendKeys("n");
		new WebDriverWait(driver, Chrome.PATIENCE).until(ExpectedConditions.urlContains("/notifications"));
	}

	@Test
	void pagesFitAPhone() throws Exception {
		driver = Chrome.start(390, 844);
		driver.get(url("/login"));
		shot("login-phone");
		signIn("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Hello");
		shot("home-phone");
		Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth.intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(390);
	}
}
