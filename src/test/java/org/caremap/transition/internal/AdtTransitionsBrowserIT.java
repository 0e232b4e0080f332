package org.caremap.transition.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.AdtApplied;
import org.caremap.support.Chrome;
import org.caremap.support.BrowserTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A discharge in a real browser: the hospital sends an A03 over MLLP; the case manager of the enrolled patient
 * sees the alert and the transition tasks with their due dates in "My day"; the A03 of a patient no program has
 * puts them on the intake coordinator's outreach list, from which one press refers them.
 */
class AdtTransitionsBrowserIT extends BrowserTest {

	@Autowired MllpListener listener;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private String discharge(PatientId patient, String family, ZonedDateTime admitted, ZonedDateTime discharged) {
		String mrn = jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
		String visit = "V-" + UUID.randomUUID().toString().substring(0, 8);
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + hl7.format(discharged) + "||ADT^A03^ADT_A03|D-" + visit
				+ "|P|2.5.1\rEVN|A03|" + hl7.format(discharged) + "\rPID|1||" + mrn + "^^^Test Hospital^MR||" + family.toUpperCase(Locale.ROOT)
				+ "^TEST||19500517|F\rPV1|1|I|5E^510^2^RGH|E|||||||||||||||" + visit + "|||||||||||||||||01||||||||"
				+ hl7.format(admitted) + "|" + hl7.format(discharged) + "\rDG1|1||I50.9^Heart failure, unspecified^I10\r";
	}

	@Test
	void aDischargeBecomesWorkForTheCaseManagerAndAnOutreachRowForIntake() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		BusinessCalendar calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		var program = programs.active().stream().filter(p -> p.name().equals("Chronic care management")).findFirst().orElseThrow();
		PatientId enrolled = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Hartwell");
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(enrolled, program.id(), null, dana,
				LocalDate.now(zone).minusDays(60), new Consent(LocalDate.now(zone).minusDays(60), ConsentMethod.VERBAL,
						"Dana Whitfield, RN", true, true, true, true), Acuity.HIGH, "heart failure")));
		PatientId stranger = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Oakley");

		ZonedDateTime discharged = ZonedDateTime.now(zone).minusHours(3).withSecond(0).withNano(0);
		ZonedDateTime admitted = discharged.minusDays(4);
		assertThat(Mllp.code(Mllp.send(listener.port(), discharge(enrolled, "Hartwell", admitted, discharged)))).isEqualTo("AA");
		assertThat(Mllp.code(Mllp.send(listener.port(), discharge(stranger, "Oakley", admitted, discharged)))).isEqualTo("AA");
		AdtApplied.all(jdbc); // acknowledged once stored, applied a moment later

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		Chrome.press(driver, driver.findElement(By.linkText("My day")));
		DateTimeFormatter shown = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
		Instant contactDue = calendar.endOfBusinessDaysAfter(discharged.toInstant(), 2);
		// high acuity: the face-to-face visit within 7 days
		Instant visitDue = calendar.endOfCalendarDaysAfter(discharged.toInstant(), 7);
		String rows = driver.findElement(By.id("worklist")).getText();
		assertThat(rows).contains("Transition call: contact within 2 business days of discharge")
			.contains("Face-to-face visit within 7 days of discharge").contains("Reconcile medications after discharge");
		WebElement call = driver.findElements(By.cssSelector("#worklist tbody tr")).stream()
			.filter(r -> r.getText().contains("Hartwell, Test") && r.getText().contains("Transition call")).findFirst().orElseThrow();
		assertThat(call.getText()).contains(shown.format(contactDue.atZone(zone)));
		WebElement visit = driver.findElements(By.cssSelector("#worklist tbody tr")).stream()
			.filter(r -> r.getText().contains("Hartwell, Test") && r.getText().contains("Face-to-face")).findFirst().orElseThrow();
		assertThat(visit.getText()).contains(shown.format(visitDue.atZone(zone)));
		Chrome.shot(driver, "my-day-transitions");
		// the alert follows the discharge once its transaction has committed, naming the patient to her case manager
		org.caremap.support.Eventually.until("the discharge alert on the notifications page", () -> {
			driver.get(url("/notifications"));
			return driver.findElement(By.tagName("main")).getText().contains("Hartwell, Test · Discharged from RIVERSIDE GENERAL");
		});
		driver.get(url("/patients/" + enrolled + "/timeline"));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Discharged").contains("LACE");
		// readmitted two hours later: the stays tab shows both stays, the clocks, and the checklist of the open one
		String readmit = discharge(enrolled, "Hartwell", discharged.plusHours(2), discharged.plusHours(2))
			.replace("ADT^A03^ADT_A03", "ADT^A01^ADT_A01").replace("EVN|A03", "EVN|A01").replaceAll("\\|[0-9]{12}\\rDG1", "|\rDG1");
		assertThat(Mllp.code(Mllp.send(listener.port(), readmit))).isEqualTo("AA");
		AdtApplied.all(jdbc);
		driver.get(url("/patients/" + enrolled + "/stays"));
		String stays = driver.findElement(By.tagName("main")).getText();
		assertThat(stays).contains("In hospital").contains("Discharged").contains("LACE")
			.contains("Transition call by").contains(DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(contactDue.atZone(zone)));
		WebElement open = driver.findElement(By.cssSelector("article[data-encounter] details[open]"));
		WebElement booked = open.findElements(By.cssSelector("tr")).stream()
			.filter(r -> r.getText().contains("Follow-up appointment booked")).findFirst().orElseThrow();
		booked.findElement(By.name("note")).sendKeys("Dr. Shah, Friday 10:00");
		Chrome.press(driver, booked.findElement(By.cssSelector("button[type=submit]")));
		assertThat(driver.findElement(By.cssSelector("article[data-encounter] details[open]")).getText())
			.contains("Follow-up appointment booked · Dr. Shah, Friday 10:00 · Dana Whitfield, RN");
		Chrome.shot(driver, "stays");

		// the patient without a program is on the outreach list, and one press refers them
		signIn("intake");
		Chrome.press(driver, driver.findElement(By.linkText("Outreach")));
		WebElement row = driver.findElements(By.cssSelector("#outreach tbody tr")).stream()
			.filter(r -> r.getText().contains("Oakley, Test")).findFirst().orElseThrow();
		assertThat(row.getText()).contains("Inpatient stay").contains("RIVERSIDE GENERAL").contains("I50.9");
		assertThat(driver.findElements(By.cssSelector("#outreach tbody tr")).stream()
			.noneMatch(r -> r.getText().contains("Hartwell, Test"))).isTrue();
		Chrome.shot(driver, "outreach");
		Chrome.press(driver, row.findElement(By.cssSelector("button[type=submit]")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("referred");
		assertThat(jdbc.sql("select count(*) from referral where patient_id = ? and source_type = 'OUTREACH'").param(stranger.value())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
