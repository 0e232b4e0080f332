package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Chrome;
import org.caremap.support.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The front door in a real browser: the intake coordinator receives a referral, screens it and enrols the patient
 * with a case manager; that case manager finds the patient on their caseload; the supervisor reassigns the case.
 */
class IntakeToCaseloadBrowserIT extends BrowserTest {

	static final Path SHOTS = Path.of("target", "screenshots");

	@Autowired JdbcClient jdbc;

	@Test
	void referralBecomesACaseOnTheCaseloadAndIsReassigned() throws Exception {
		// a registered patient nobody has referred or enrolled yet
		List<String> patient = jdbc.sql("""
				select p.family_name || ', ' || p.given_name, i.value from patient p
				join patient_identifier i on i.patient_id = p.id and i.type = 'MR'
				where not exists (select 1 from care_case c where c.patient_id = p.id)
				  and not exists (select 1 from referral r where r.patient_id = p.id)
				order by p.id limit 1""")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
			.single();
		String name = patient.get(0);
		String mrn = patient.get(1);
		driver = Chrome.start(1366, 900);

		// intake receives the referral
		signIn("intake");
		go(driver.findElement(By.linkText("Referrals")));
		shot("referral-queue");
		go(driver.findElement(By.id("new-referral")));
		WebElement search = driver.findElement(By.id("q"));
		search.sendKeys(mrn);
		go(search);
		go(driver.findElement(By.linkText("Choose")));
		assertThat(driver.findElement(By.id("chosen-patient")).getText()).isEqualTo(name);
		new Select(driver.findElement(By.id("programId"))).selectByVisibleText("Chronic care management");
		new Select(driver.findElement(By.id("source"))).selectByVisibleText("Provider");
		new Select(driver.findElement(By.id("urgency"))).selectByVisibleText("Urgent");
		driver.findElement(By.id("sourceName")).sendKeys("Dr. Anita Shah");
		driver.findElement(By.id("reason")).sendKeys("Two ED visits this month for hypoglycaemia; lives alone.");
		go(driver.findElement(By.id("receive-referral")));
		assertThat(driver.findElement(By.id("referral-status")).getText()).isEqualTo("Waiting");

		// screens it
		go(driver.findElement(By.id("claim")));
		assertThat(driver.findElement(By.id("referral-status")).getText()).isEqualTo("Screening");
		shot("referral-screening");

		// and enrols the patient with Marcus Bell
		go(driver.findElement(By.id("enrol")));
		Select managers = new Select(driver.findElement(By.id("caseManagerId")));
		managers.selectByValue(managers.getOptions().stream().filter(o -> o.getText().startsWith("Marcus Bell, LSW"))
			.findFirst().orElseThrow().getAttribute("value"));
		for (String box : List.of("toldServiceAvailable1", "toldCostSharing1", "toldOnePractitioner1", "toldCanStop1")) {
			press(driver.findElement(By.id(box)));
		}
		new Select(driver.findElement(By.id("acuity"))).selectByVisibleText("High");
		driver.findElement(By.id("acuityReason")).sendKeys("Recurrent hypoglycaemia, lives alone");
		shot("enrol");
		go(driver.findElement(By.id("confirm-enrol")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText())
			.contains("The patient was enrolled with Marcus Bell, LSW");

		// Marcus finds the patient on his caseload
		signIn("casemanager2");
		go(driver.findElement(By.linkText("My caseload")));
		WebElement row = caseRow(name);
		assertThat(row.getText()).contains("Chronic care management").contains("High");
		shot("caseload");
		go(row.findElement(By.linkText(name)));
		assertThat(driver.findElement(By.id("patient-name")).getText()).isEqualTo(name);
		shot("chart-summary");
		go(driver.findElement(By.linkText("Timeline")));
		assertThat(driver.findElement(By.id("timeline")).getText()).contains("Referral received").contains("Case active");

		// the supervisor moves the case to Dana Whitfield
		signIn("supervisor");
		go(driver.findElement(By.linkText("Caseloads")));
		shot("caseloads");
		go(driver.findElement(By.xpath("//tr[td[1][text()='Marcus Bell, LSW']]//a")));
		press(caseRow(name).findElement(By.cssSelector("input[type=checkbox]")));
		new Select(driver.findElement(By.id("reassign-to"))).selectByVisibleText("Dana Whitfield, RN");
		driver.findElement(By.id("reassign-reason")).sendKeys("Dana speaks Spanish with the family");
		go(driver.findElement(By.id("reassign")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("1 case was reassigned");

		signIn("casemanager");
		go(driver.findElement(By.linkText("My caseload")));
		// Dana's caseload runs over several pages (other tests add to it): she searches for the patient
		driver.get(url("/caseload?q=" + java.net.URLEncoder.encode(name.substring(0, name.indexOf(',')),
				java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(caseRow(name).getText()).contains("Chronic care management");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	private void press(WebElement element) {
		Chrome.press(driver, element);
	}

	private WebElement caseRow(String name) {
		return driver.findElements(By.cssSelector("#caseload tbody tr")).stream()
			.filter(r -> r.getText().contains(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " is not on the caseload"));
	}
}
