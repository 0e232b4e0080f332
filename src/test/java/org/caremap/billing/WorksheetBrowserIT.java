package org.caremap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The supervisor opens Billing, finds the month's worksheet of a program, reads why one patient is billable and the
 * other is not, and signs it off; the page then says it is locked. Axe finds no WCAG 2.1 AA violation; screenshots go
 * to docs/screenshots.
 */
@ExtendWith(Chrome.Required.class)
class WorksheetBrowserIT extends BrowserTest {

	@Autowired ApplicationContext context;
	@Autowired Worksheets worksheets;

	@Test
	void theSupervisorOpensTheWorksheetAndSignsItOff() throws Exception {
		BillingFixtures f = new BillingFixtures(context);
		PatientId billable = f.patient("Okonkwo" + f.unique);
		PatientId shortOf = f.patient("Lindqvist" + f.unique);
		CaseId billableCase = f.enrol(billable);
		CaseId shortCase = f.enrol(shortOf);
		f.log(billable, billableCase, 25, f.recent(120));
		f.log(billable, billableCase, 20, f.recent(60));
		f.log(shortOf, shortCase, 12, f.recent(60));
		f.awaitWork(billableCase, 2);
		f.awaitWork(shortCase, 1);
		f.actors.run("supervisor", () -> worksheets.generate(f.program.id(), f.month));

		driver = Chrome.start(1366, 900);
		signIn("supervisor");
		driver.findElement(By.id("nav-reports")).click();
		go(driver.findElement(By.id("nav-billing")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Billing worksheets");
		assertThat(driver.findElement(By.id("worksheets")).getText()).contains("Billing test " + f.unique)
			.contains("Dr. Ada Billing " + f.unique).contains("Draft");
		shot("billing-worksheets");
		go(driver.findElement(By.linkText("Billing test " + f.unique)));
		String lines = driver.findElement(By.id("lines")).getText();
		assertThat(lines).contains("Okonkwo" + f.unique).contains("99490 × 1").contains("99439 × 1");
		assertThat(driver.findElement(By.id("line-" + shortCase.value())).getText()).contains("Not billable")
			.contains("99490 not reached: 12 of 20 minutes of clinical staff time (8 minutes short).");
		shot("billing-worksheet");
		go(driver.findElement(By.id("sign")));
		assertThat(driver.getPageSource()).contains("The worksheet is signed off and locked.");
		assertThat(driver.findElement(By.id("worksheet-state")).getText()).isEqualTo("Signed off");
		assertThat(driver.findElement(By.id("signed-by")).getText()).contains("Priya Raman, RN");
		assertThat(driver.findElements(By.id("sign"))).isEmpty();
		assertThat(driver.findElement(By.id("correct"))).isNotNull();
	}
}
