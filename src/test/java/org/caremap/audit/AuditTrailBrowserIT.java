package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.caremap.identity.UserAccounts;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administrator's audit trail, by keyboard: filtered by a user (by display name) and by outcome, 50 entries to
 * a page, older and newer pages keeping the filters, resource types in plain words and people by their names.
 */
class AuditTrailBrowserIT extends BrowserTest {

	@Autowired AuditTrail trail;
	@Autowired UserAccounts accounts;

	@Test
	void anAdministratorFiltersTheTrailByUserAndOutcomeAndPagesForwardAndBack() throws Exception {
		// 60 denied attempts by the supervisor: more than a page of them
		for (int i = 0; i < 60; i++) {
			String type = i % 2 == 0 ? "AdtMessage" : "CarePlan";
			trail.record("supervisor", new AuditEntry("READ", type, "r-" + i, null, AuditOutcome.DENIED, "browser test"));
		}
		String supervisor = accounts.findByUsername("supervisor").orElseThrow().displayName();

		driver = Chrome.start(1366, 900);
		signIn("admin");
		driver.get(url("/admin/audit"));
		driver.findElement(By.id("filter-user")).sendKeys(supervisor);
		new Select(driver.findElement(By.id("filter-outcome"))).selectByValue("DENIED");
		go(driver.findElement(By.id("apply-filter")));
		assertThat(driver.getCurrentUrl()).contains("user=").contains("outcome=DENIED");

		List<WebElement> first = rows();
		assertThat(first).hasSize(50);
		String firstId = first.get(0).getAttribute("data-id");
		String table = driver.findElement(By.id("audit-rows")).getText();
		assertThat(table).contains("ADT message").contains("Care plan").contains(supervisor).contains("Denied")
			.doesNotContain("AdtMessage").doesNotContain("CarePlan").doesNotContain("org.caremap")
			.doesNotContain("Succeeded");
		assertThat(driver.findElements(By.id("audit-newer"))).isEmpty();
		shot("admin-audit-filtered");

		// older entries: the rest, still filtered
		go(driver.findElement(By.id("audit-older")));
		assertThat(driver.getCurrentUrl()).contains("outcome=DENIED").contains("before=");
		List<WebElement> second = rows();
		assertThat(second).as(() -> driver.getCurrentUrl() + " " + driver.findElement(By.tagName("main")).getText()).isNotEmpty().hasSizeLessThanOrEqualTo(50);
		assertThat(driver.findElement(By.id("audit-rows")).getText()).contains(supervisor).doesNotContain("Succeeded");
		assertThat(driver.findElement(By.id("filter-user")).getAttribute("value")).isEqualTo(supervisor);
		assertThat(new Select(driver.findElement(By.id("filter-outcome"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("DENIED");

		// and back to the newest
		go(driver.findElement(By.id("audit-newer")));
		assertThat(driver.getCurrentUrl()).contains("after=");
		List<WebElement> back = rows();
		assertThat(back).hasSize(50);
		assertThat(back.get(0).getAttribute("data-id")).isEqualTo(firstId);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	private List<WebElement> rows() {
		return driver.findElements(By.cssSelector("#audit-rows tbody tr"));
	}
}
