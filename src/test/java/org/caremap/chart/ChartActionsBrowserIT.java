package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The chart's action bar, by keyboard: "Log a contact" and "New note" open their pages from any chart page and come
 * back to it once saved; a link that asks to go back to another site is not followed.
 */
class ChartActionsBrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void fromTheChartACaseManagerLogsAContactAndDraftsANoteAndComesBackToTheChart() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Actionbar");
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.MODERATE, "new to the program")));
		String chart = "/patients/" + patient;

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url(chart));
		assertThat(driver.findElement(By.id("chart-actions")).getText())
			.contains("Log a contact").contains("New note").contains("Start assessment");
		shot("chart-actions");

		// Log a contact -> save -> back on the chart, the contact among the recent ones
		go(driver.findElement(By.id("action-log-contact")));
		assertThat(driver.getCurrentUrl()).contains(chart + "/contacts/new");
		driver.findElement(By.id("minutes")).clear();
		driver.findElement(By.id("minutes")).sendKeys("12");
		driver.findElement(By.id("summary")).sendKeys("Introduced myself; agreed to weekly calls.");
		go(driver.findElement(By.id("log-contact")));
		assertThat(driver.getCurrentUrl()).isEqualTo(url(chart));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The contact was logged");
		assertThat(driver.findElement(By.id("summary-contacts")).getText()).contains("Introduced myself; agreed to weekly calls.");

		// New note -> save draft -> back on the chart
		go(driver.findElement(By.id("action-new-note")));
		assertThat(driver.getCurrentUrl()).contains(chart + "/notes").contains("returnTo=");
		driver.findElement(By.id("section-0")).sendKeys("Patient keen to start.");
		go(driver.findElement(By.id("save-draft")));
		assertThat(driver.getCurrentUrl()).isEqualTo(url(chart));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).isDisplayed()).isTrue();
		assertThat(driver.findElements(By.id("chart-actions"))).hasSize(1);

		// a link asking to go back to another site is not followed: the form goes back to the chart instead
		driver.get(url(chart + "/contacts/new?returnTo=//evil.example/x"));
		assertThat(driver.findElement(By.cssSelector("input[name=returnTo]")).getAttribute("value")).isEqualTo(chart);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Test
	void startAssessmentFromTheChartComesBackAndStartingItAgainOpensTheOneAlreadyOpen() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Restart");
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.MODERATE, "new to the program")));
		String chart = "/patients/" + patient;

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url(chart + "/notes"));
		go(driver.findElement(By.id("action-start-assessment")));
		new Select(driver.findElement(By.id("instrument"))).selectByValue("phq-9");
		go(driver.findElement(By.id("start-assessment")));
		String first = driver.getCurrentUrl().replaceAll("\\?.*", "");
		assertThat(first).contains(chart + "/assessments/");
		driver.findElement(By.id("q-phq9-1-0")).sendKeys(Keys.SPACE);
		assertThat(driver.findElement(By.id("q-phq9-1-0")).isSelected()).isTrue();
		go(driver.findElement(By.id("save-partial")));
		// saved: back where the action was chosen
		assertThat(driver.getCurrentUrl()).isEqualTo(url(chart + "/notes"));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("Answers saved");

		// "Start now" on the same instrument opens the assessment already open, no error
		go(driver.findElement(By.id("action-start-assessment")));
		new Select(driver.findElement(By.id("instrument"))).selectByValue("phq-9");
		go(driver.findElement(By.id("start-assessment")));
		assertThat(driver.getCurrentUrl().replaceAll("\\?.*", "")).isEqualTo(first);
		assertThat(driver.findElements(By.cssSelector(".alert-danger"))).isEmpty();
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("already open");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
