package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.medication.MedicationEntry;
import org.caremap.medication.MedicationList;
import org.caremap.medication.MedicationSource;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.caremap.support.Mllp;
import org.caremap.transition.internal.MllpPort;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The transitions loop closed, in a real browser (issue 17, acceptance 1): an A03 arrives over MLLP for an enrolled
 * patient; the case manager logs the call from My day, reconciles the discharge list (two discrepancies decided) and
 * signs, books the follow-up visit and marks the patient arrived, enters the decision making; the tracker then shows
 * every step met with its evidence, and the TCM line names the code. axe checks every page.
 */
class TransitionLoopBrowserIT extends BrowserTest {

	@Autowired ApplicationContext context;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired MedicationList medications;
	@Autowired JdbcClient jdbc;

	@Test
	void aDischargeBecomesACallAReconciliationAndAVisitAndTheTrackerShowsEachMetWithTheTcmLine() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Loopwell");
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(90),
				new Consent(LocalDate.now(zone).minusDays(90), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "heart failure, two admissions this year")));
		SystemActor.run("browser-test", List.of("SYSTEM"), () -> {
			medications.add(patient, new MedicationEntry("314076", "Lisinopril 10 MG Oral Tablet", "1 tablet", "by mouth", "once daily",
					"Dr. Ellen Park", MedicationSource.EHR), "from the EHR");
			medications.add(patient, new MedicationEntry("617310", "Atorvastatin 20 MG Oral Tablet", "1 tablet", "by mouth", "at bedtime",
					"Dr. Ellen Park", MedicationSource.EHR), "from the EHR");
		});
		String mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();

		// the hospital's discharge, over MLLP
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
		ZonedDateTime out = ZonedDateTime.now(zone).minusHours(2).truncatedTo(ChronoUnit.MINUTES);
		String visit = "L-" + UUID.randomUUID().toString().substring(0, 8);
		String a03 = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + hl7.format(out) + "||ADT^A03^ADT_A03|D-" + visit + "|P|2.5.1\r"
				+ "EVN|A03|" + hl7.format(out) + "\rPID|1||" + mrn + "^^^Test Hospital^MR||LOOPWELL^TEST||19500517|F\r"
				+ "PV1|1|I|5E^510^2^RGH|E|||||||||||||||" + visit + "|||||||||||||||||01||||||||" + hl7.format(out.minusDays(4)) + "|"
				+ hl7.format(out) + "\rDG1|1||I50.9^Heart failure, unspecified^I10\r";
		assertThat(Mllp.code(Mllp.send(MllpPort.of(context), a03))).isEqualTo("AA");
		assertThat(AdtApplied.status(jdbc, "D-" + visit)).isEqualTo("APPLIED");
		UUID encounter = jdbc.sql("select id from encounter where visit_number = ?").param(visit).query(UUID.class).single();
		Eventually.until("the transition's three tasks", () -> jdbc
			.sql("select count(*) from task where source like ?").param("transition:" + encounter + ":%").query(Long.class).single() == 3);

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");

		// 1. the call, from My day
		go(driver.findElement(By.linkText("My day")));
		WebElement call = driver.findElements(By.cssSelector("#worklist tbody tr")).stream()
			.filter(r -> r.getText().contains("Loopwell, Test") && r.getText().contains("Transition call")).findFirst().orElseThrow();
		go(call.findElement(By.linkText("Log a contact")));
		assertThat(driver.findElement(By.cssSelector("input[name=completes]:checked"))).isNotNull();
		driver.findElement(By.id("summary")).sendKeys("Home since this morning; went over the discharge papers.");
		go(driver.findElement(By.id("log-contact")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The contact was logged");

		// 2. the reconciliation: the discharge list doubles lisinopril and starts warfarin
		String chart = "/patients/" + patient;
		driver.get(url(chart + "/medications"));
		driver.findElement(By.id("rec-note")).sendKeys("Discharge list from Riverside General");
		go(driver.findElement(By.id("start-reconciliation")));
		steps().addDischarge("Lisinopril 10 MG Oral Tablet", "314076", "2 tablets", "once daily");
		steps().addDischarge("Warfarin Sodium 5 MG Oral Tablet", "855332", "1 tablet", "once daily in the evening");
		steps().addDischarge("Atorvastatin 20 MG Oral Tablet", "617310", "1 tablet", "at bedtime");
		steps().decide("Lisinopril 10 MG Oral Tablet", "CHANGE", "Dose raised in hospital for blood pressure", "2 tablets");
		steps().decide("Warfarin Sodium 5 MG Oral Tablet", "NEW", "Started for atrial fibrillation; INR on Monday", null);
		steps().decide("Atorvastatin 20 MG Oral Tablet", "CONTINUE", "Unchanged", null);
		assertThat(driver.findElement(By.id("undecided")).getText()).isEqualTo("Every line is decided.");
		go(driver.findElement(By.id("sign")));
		assertThat(driver.findElement(By.id("rec-status")).getText()).isEqualTo("Signed");

		// 3. the visit: booked for within the hour, then the patient arrives
		driver.get(url(chart + "/appointments"));
		driver.findElement(By.id("practitioner")).sendKeys("Dr. Maria Alvarez");
		driver.findElement(By.id("place")).sendKeys("Riverside Primary Care");
		driver.findElement(By.id("reason")).sendKeys("Follow-up after the heart failure admission");
		ZonedDateTime visitAt = ZonedDateTime.now(zone).plusMinutes(30);
		// the visit's day in the period: 0 or 1 (the test may run near midnight in the organisation's zone)
		long visitDay = ChronoUnit.DAYS.between(out.toLocalDate(), visitAt.toLocalDate());
		String start = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").format(visitAt);
		driver.executeScript("document.getElementById('start').value = arguments[0]", start);
		go(driver.findElement(By.id("save-appointment")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The appointment is saved.");
		UUID appointment = jdbc.sql("select id from appointment where patient_id = ?").param(patient.value()).query(UUID.class).single();
		Eventually.until("the visit booked on the tracker", () -> jdbc
			.sql("select visit_appointment is not null from care_transition where encounter_id = ?").param(encounter)
			.query(Boolean.class).single());
		go(driver.findElement(By.id("arrive-" + appointment)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("arrived");

		// 4. the tracker, from the stays tab; the decision making entered by keyboard
		Eventually.until("the visit step met", () -> jdbc.sql("select visit_met_at is not null from care_transition where encounter_id = ?")
			.param(encounter).query(Boolean.class).single());
		driver.get(url(chart + "/stays"));
		go(driver.findElement(By.id("tracker-" + encounter)));
		new Select(driver.findElement(By.id("mdm-level"))).selectByValue("HIGH");
		go(driver.findElement(By.id("mdm-save")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("Medical decision making saved");
		for (String step : List.of("CONTACT", "RECONCILIATION", "VISIT")) {
			WebElement row = driver.findElement(By.id("step-" + step));
			assertThat(row.findElement(By.cssSelector("[data-state]")).getAttribute("data-state")).as(step).isEqualTo("MET");
		}
		assertThat(driver.findElement(By.id("step-CONTACT")).getText()).contains("went over the discharge papers");
		assertThat(driver.findElement(By.id("step-RECONCILIATION")).getText()).contains("signed");
		assertThat(driver.findElement(By.id("step-VISIT")).getText()).contains("Dr. Maria Alvarez");
		assertThat(driver.findElement(By.id("tcm-line")).getText()).isEqualTo("The evidence supports 99496.");
		assertThat(driver.findElement(By.id("tcm")).getText()).contains("day " + visitDay + " after discharge").contains("High complexity");
		shot("transition-tracker");

		// the case manager's list of transitions shows it met
		go(driver.findElement(By.linkText("Transitions")));
		WebElement mine = driver.findElements(By.cssSelector("#my-transitions tbody tr")).stream()
			.filter(r -> r.getText().contains("Loopwell, Test")).findFirst().orElseThrow();
		assertThat(mine.findElements(By.cssSelector("[data-state='MET']"))).hasSize(3);
		assertThat(mine.getText()).contains("99496");
		shot("my-transitions");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();

		// the supervisor's view of timeliness, from the transitions tabs
		signIn("supervisor");
		driver.get(url("/transitions/outreach"));
		go(driver.findElement(By.id("tab-timeliness")));
		WebElement dana = driver.findElements(By.cssSelector("#timeliness tbody tr")).stream()
			.filter(r -> r.getText().contains("Dana Whitfield, RN")).findFirst().orElseThrow();
		assertThat(dana.getText()).matches("(?s)Dana Whitfield, RN [0-9]+ .*");
		assertThat(driver.findElement(By.id("timeliness-total")).getText()).startsWith("All case managers");
		shot("transition-timeliness");
		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		for (String name : List.of("transition-tracker", "my-transitions", "transition-timeliness")) {
			Files.copy(Chrome.SHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private org.caremap.medication.ReconciliationSteps steps() {
		return new org.caremap.medication.ReconciliationSteps(driver, this::go);
	}
}
