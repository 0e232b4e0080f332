package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;


import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An administrator registers an interface engine as an API client by keyboard: a form without a scope says what
 * is missing and keeps the name; the registered client's page shows its id and, once, its secret, with the URLs to
 * configure in the engine.
 */
class ApiClientsBrowserIT extends BrowserTest {

	@Test
	void anAdministratorRegistersAClientAndSeesTheSecretOnce() throws Exception {
		driver = Chrome.start(1366, 900);
		signIn("admin");
		driver.findElement(By.linkText("Administration")).sendKeys(Keys.ENTER);
		Chrome.press(driver, new WebDriverWait(driver, Chrome.PATIENCE)
			.until(ExpectedConditions.elementToBeClickable(By.linkText("API clients"))));
		Chrome.press(driver, driver.findElement(By.id("new-client")));
		driver.findElement(By.id("name")).sendKeys("Riverside General interface engine");
		Chrome.press(driver, driver.findElement(By.cssSelector("main form.cm-form button[type=submit]")));
		assertThat(driver.findElement(By.cssSelector(".alert-danger")).getText()).isNotBlank();
		assertThat(driver.findElement(By.tagName("fieldset")).getText()).contains("Choose at least one scope.");
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Riverside General interface engine");
		Chrome.press(driver, driver.findElement(By.cssSelector("input[type=checkbox][value='adt.write']")));
		Chrome.press(driver, driver.findElement(By.cssSelector("main form.cm-form button[type=submit]")));
		assertThat(driver.findElement(By.id("client-id")).getText()).startsWith("cm-");
		String secret = driver.findElement(By.id("client-secret")).getText();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
		assertThat(driver.findElement(By.id("token-url")).getText()).endsWith("/oauth2/token");
		Chrome.shot(driver, "api-client");
		driver.navigate().refresh();
		assertThat(driver.findElements(By.id("client-secret"))).isEmpty();
		assertThat(driver.getPageSource()).doesNotContain(secret);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
