package org.caremap.medication;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What a person does on the reconciliation page, for the browser tests that reconcile (by keyboard and clicks). */
public final class ReconciliationSteps {

	private final WebDriver driver;
	private final Consumer<WebElement> go;

	/** {@code go} presses a link or button and waits for the page it leads to. */
	public ReconciliationSteps(WebDriver driver, Consumer<WebElement> go) {
		this.driver = driver;
		this.go = go;
	}

	/** The id of the line of this medication. */
	public String lineId(String name) {
		return driver.findElement(By.cssSelector("tr[data-name='" + name + "']")).getAttribute("id").substring("line-".length());
	}

	/** Adds a medication of the discharge list, taken by mouth. */
	public void addDischarge(String name, String rxnorm, String dose, String frequency) {
		new Select(driver.findElement(By.id("column"))).selectByValue("DISCHARGE");
		driver.findElement(By.id("line-name")).sendKeys(name);
		driver.findElement(By.id("line-rxnormCode")).sendKeys(rxnorm);
		driver.findElement(By.id("line-dose")).sendKeys(dose);
		driver.findElement(By.id("line-route")).sendKeys("by mouth");
		driver.findElement(By.id("line-frequency")).sendKeys(frequency);
		new Select(driver.findElement(By.id("line-source"))).selectByValue("DISCHARGE_LIST");
		go.accept(driver.findElement(By.id("add-line")));
	}

	/** Decides a line, with its reason and, for a change, the new dose. */
	public void decide(String name, String decision, String reason, @Nullable String dose) {
		String id = lineId(name);
		new Select(driver.findElement(By.id("decision-" + id))).selectByValue(decision);
		driver.findElement(By.id("reason-" + id)).sendKeys(reason);
		if (dose != null) driver.findElement(By.id("dose-" + id)).sendKeys(dose);
		go.accept(driver.findElement(By.id("decide-" + id)));
	}
}
