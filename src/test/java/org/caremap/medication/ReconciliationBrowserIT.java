package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The main path of medication reconciliation in a real browser, by keyboard: the case manager opens the chart's
 * medications tab, starts a reconciliation (the current list comes in as the first column), types the discharge list,
 * sees the discrepancies flagged, decides them, signs, and finds the medication list updated. axe checks every page.
 */
class ReconciliationBrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MedicationList list;




	@Test
	void theCaseManagerReconcilesDecidesTheDiscrepanciesSignsAndTheListFollows() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Reconcile");
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "back home after a stay")));
		SystemActor.run("browser-test", List.of("SYSTEM"), () -> {
			list.add(patient, new MedicationEntry("314076", "Lisinopril 10 MG Oral Tablet", "1 tablet", "by mouth", "once daily",
					"Dr. Ellen Park", MedicationSource.EHR), "from the EHR");
			list.add(patient, new MedicationEntry("617310", "Atorvastatin 20 MG Oral Tablet", "1 tablet", "by mouth", "at bedtime",
					"Dr. Ellen Park", MedicationSource.EHR), "from the EHR");
		});
		String chart = "/patients/" + patient;

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url(chart));
		go(driver.findElement(By.cssSelector("a[href$='" + chart + "/medications']")));
		assertThat(driver.findElement(By.id("medication-list")).getText()).contains("Lisinopril 10 MG Oral Tablet")
			.contains("Atorvastatin 20 MG Oral Tablet");

		driver.findElement(By.id("rec-note")).sendKeys("Home from Riverside General yesterday");
		go(driver.findElement(By.id("start-reconciliation")));
		assertThat(driver.getCurrentUrl()).contains(chart + "/medications/reconciliations/");
		assertThat(driver.findElement(By.id("rec-status")).getText()).isEqualTo("Draft");
		assertThat(driver.findElements(By.cssSelector("#reconciliation-lines tbody tr"))).hasSize(2);

		// the discharge list: lisinopril doubled, warfarin new, atorvastatin left off
		steps().addDischarge("Lisinopril 10 MG Oral Tablet", "314076", "2 tablets", "once daily");
		steps().addDischarge("Warfarin Sodium 5 MG Oral Tablet", "855332", "1 tablet", "once daily in the evening");
		assertThat(driver.findElements(By.cssSelector("#reconciliation-lines tbody tr"))).hasSize(3);
		assertThat(driver.findElement(By.cssSelector("tr[data-name='Lisinopril 10 MG Oral Tablet']")).getAttribute("data-discrepancies"))
			.isEqualTo("DOSE_CHANGE");
		assertThat(driver.findElement(By.cssSelector("tr[data-name='Warfarin Sodium 5 MG Oral Tablet']")).getText())
			.contains("New high-risk drug");
		assertThat(driver.findElement(By.cssSelector("tr[data-name='Atorvastatin 20 MG Oral Tablet']")).getText())
			.contains("Omission");
		((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
		shot("medication-reconciliation");

		// decide the two discrepancies the hospital made, and the omission
		steps().decide("Lisinopril 10 MG Oral Tablet", "CHANGE", "Dose raised in hospital for blood pressure", "2 tablets");
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The decision was saved");
		steps().decide("Warfarin Sodium 5 MG Oral Tablet", "NEW", "Started for atrial fibrillation; INR on Monday", null);
		assertThat(driver.findElement(By.id("undecided")).getText()).contains("1 lines still need a decision");
		steps().decide("Atorvastatin 20 MG Oral Tablet", "CONTINUE", "Left off the discharge list by mistake", null);
		assertThat(driver.findElement(By.id("undecided")).getText()).isEqualTo("Every line is decided.");

		go(driver.findElement(By.id("sign")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("signed");
		assertThat(driver.findElement(By.id("rec-status")).getText()).isEqualTo("Signed");
		assertThat(driver.findElements(By.id("sign"))).as("a signed reconciliation offers no changes").isEmpty();
		assertThat(driver.findElement(By.id("signed-by")).getText()).contains("Signed by");

		go(driver.findElement(By.id("back")));
		String listed = driver.findElement(By.id("medication-list")).getText();
		assertThat(listed).contains("Warfarin Sodium 5 MG Oral Tablet");
		WebElement lisinopril = driver.findElement(By.cssSelector("tr[data-name='Lisinopril 10 MG Oral Tablet'] .medication-how"));
		assertThat(lisinopril.getText()).startsWith("2 tablets");
		assertThat(driver.findElement(By.id("reconciliation-list")).getText()).contains("Signed");

		// the patient's own list, printable, in Spanish
		go(driver.findElement(By.id("print-es")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Mis medicinas");
		assertThat(driver.findElement(By.id("patient-list")).getText()).contains("Warfarin Sodium 5 MG Oral Tablet");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	private org.caremap.medication.ReconciliationSteps steps() {
		return new org.caremap.medication.ReconciliationSteps(driver, this::go);
	}
}
