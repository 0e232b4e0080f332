package org.caremap.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.caremap.access.CareRelationships;
import org.caremap.billing.BillingFixtures;
import org.caremap.billing.Worksheets;
import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.identity.UserAccounts;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A supervisor's month end (issue 22, acceptance 3): she opens the outcomes from the menu, chooses the cohort's
 * program and quarter, reads the readmission rate beside its chart, drills into the patients behind it, downloads the
 * XLSX export, which opens with the same figures, and then signs off the month's billing worksheet of a program she
 * supervises, which is locked afterwards; every page passes axe.
 */
class QualityBrowserIT extends BrowserTest {

	@Autowired ApplicationContext context;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired Worksheets worksheets;

	@Test
	void aSupervisorDrillsIntoReadmissionsExportsTheFiguresAndSignsOffTheBilling() throws Exception {
		BillingFixtures billing = new BillingFixtures(context);
		PatientId billed = billing.patient("Achterberg" + billing.unique);
		CaseId billedCase = billing.enrol(billed);
		billing.log(billed, billedCase, 22, billing.recent(60));
		billing.awaitWork(billedCase, 1);
		billing.actors.run("supervisor", () -> worksheets.generate(billing.program.id(), billing.month));
		QualityCohort cohort = new QualityCohort(context, "Outcomes browser");
		QualityCohort.careFor(relationships, accounts.findByUsername("supervisor").orElseThrow().id(), cohort.a, cohort.b, cohort.c);
		driver = Chrome.start(1366, 1000);
		signIn("supervisor");
		driver.findElement(By.id("nav-reports")).click();
		go(driver.findElement(By.id("nav-quality")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Outcomes");
		// last month beside the month before, for the whole organisation (the demo's own cases)
		java.time.LocalDate lastMonth = context.getBean(org.caremap.organization.Organizations.class).today().withDayOfMonth(1).minusMonths(1);
		assertThat(driver.findElement(By.id("from")).getAttribute("value")).isEqualTo(lastMonth.toString());
		assertThat(driver.findElement(By.id("compareFrom")).getAttribute("value")).isEqualTo(lastMonth.minusMonths(1).toString());
		assertThat(driver.findElement(By.id("compareTo")).getAttribute("value")).isEqualTo(lastMonth.minusDays(1).toString());
		assertThat(driver.findElements(By.cssSelector("#figures tbody tr"))).hasSize(Measure.values().length);
		Chrome.shot(driver, "quality-dashboard-demo");
		String query = "?program=" + cohort.program.value() + "&from=2025-01-01&to=2025-03-31&compareFrom=2024-10-01&compareTo=2024-12-31";
		driver.get(url("/quality" + query));
		assertThat(driver.findElement(By.id("drill-readmissions")).getText()).isEqualTo("50.0 %");
		assertThat(driver.findElement(By.cssSelector("#figure-readmissions td:nth-of-type(2)")).getText()).isEqualTo("2 / 4");
		assertThat(driver.findElement(By.id("drill-enrolled")).getText()).isEqualTo("3");
		assertThat(driver.findElement(By.id("closed-reasons")).getText()).contains("Goals met: 1").contains("Moved away: 1");
		assertThat(driver.findElements(By.cssSelector(".cm-quality-chart canvas"))).hasSize(2);
		assertThat(driver.findElement(By.id("def-readmissions")).getText()).isEqualTo("30-day readmissions");
		Chrome.shot(driver, "quality-dashboard");

		go(driver.findElement(By.id("drill-readmissions")));
		assertThat(driver.findElement(By.id("numerator")).getText()).isEqualTo("2");
		assertThat(driver.findElement(By.id("denominator")).getText()).isEqualTo("4");
		assertThat(driver.findElements(By.cssSelector("#drill-rows tbody tr"))).hasSize(4);
		assertThat(driver.findElements(By.cssSelector("#drill-rows tbody tr[data-numerator=true]"))).hasSize(2);
		assertThat(driver.findElement(By.id("drill-rows")).getText()).contains("Quality-C, Test");
		Chrome.shot(driver, "quality-drill-down");
		go(driver.findElement(By.id("back")));

		String href = driver.findElement(By.id("export-xlsx")).getAttribute("href");
		String session = driver.manage().getCookieNamed("CAREMAP_SESSION").getValue();
		HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
			.header("Cookie", "CAREMAP_SESSION=" + session).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("outcomes-2025-01-01.xlsx");
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
			Sheet sheet = book.getSheetAt(0);
			Row readmissions = null;
			for (Row row : sheet) {
				if ("30-day readmissions".equals(row.getCell(0).getStringCellValue())) readmissions = row;
			}
			assertThat(readmissions).isNotNull();
			assertThat(readmissions.getCell(2).getNumericCellValue()).isEqualTo(50.0);
			assertThat(readmissions.getCell(3).getNumericCellValue()).isEqualTo(2.0);
			assertThat(readmissions.getCell(4).getNumericCellValue()).isEqualTo(4.0);
		}

		driver.findElement(By.id("nav-reports")).click();
		go(driver.findElement(By.id("nav-billing")));
		go(driver.findElement(By.linkText("Billing test " + billing.unique)));
		assertThat(driver.findElement(By.id("line-" + billedCase.value())).getText()).contains("99490 × 1");
		go(driver.findElement(By.id("sign")));
		assertThat(driver.findElement(By.id("worksheet-state")).getText()).isEqualTo("Signed off");
		assertThat(driver.findElements(By.id("sign"))).isEmpty();
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
