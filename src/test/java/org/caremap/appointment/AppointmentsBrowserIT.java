package org.caremap.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.Cases;
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
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The case manager books a visit from the patient's chart with the keyboard only (a missing "who" is a field error
 * that keeps what was typed), sees it among the coming visits on My day, gets the calendar file, and marks the patient
 * arrived; the same pages fit a 390 px phone. Every page passes axe.
 */
class AppointmentsBrowserIT extends BrowserTest {

	static final int PHONE = 390;

	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void theCaseManagerBooksAVisitByKeyboardSeesItOnHerDayAndMarksThePatientArrived() throws Exception {
		PatientId patient = AppointmentFixtures.enrolledPatient(new Actors(users), patients, organizations, programs, cases,
				accounts, "Keyboard", "keyboard@example.org");
		driver = Chrome.start(1366, 1100);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value()));
		go(driver.findElement(By.linkText("Appointments")));
		assertThat(driver.findElement(By.id("no-upcoming")).getText()).isEqualTo("No appointment is coming up.");

		// the place is typed, but nobody to see: a field error, and what was typed is still there
		type("place", "Riverside Primary Care, suite 2");
		type("reason", "Heart failure review");
		WebElement needed = driver.findElement(By.id("transportNeeded1"));
		needed.sendKeys(Keys.SPACE);
		go(driver.findElement(By.id("save-appointment")));
		assertThat(driver.findElement(By.id("practitioner-error")).getText())
			.isEqualTo("Give the practitioner or the organisation the patient will see.");
		assertThat(driver.findElement(By.id("practitioner")).getAttribute("aria-describedby")).contains("practitioner-error");
		assertThat(driver.findElement(By.id("place")).getAttribute("value")).isEqualTo("Riverside Primary Care, suite 2");
		assertThat(driver.findElement(By.id("transportNeeded1")).isSelected()).isTrue();
		assertThat(count(patient)).isZero();

		type("practitioner", "Dr. Maria Alvarez");
		type("transportNote", "Van at 8:30");
		go(driver.findElement(By.id("save-appointment")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The appointment is saved.");
		UUID id = jdbc.sql("select id from appointment where patient_id = ?").param(patient.value()).query(UUID.class).single();
		WebElement card = driver.findElement(By.id("appointment-" + id));
		assertThat(card.getText()).contains("Provider visit").contains("Dr. Maria Alvarez").contains("Booked")
			.contains("Transport needed, not arranged").contains("Van at 8:30");
		driver.executeScript("window.scrollTo(0, 0)");
		Chrome.shot(driver, "appointments");

		// the calendar file the patient can take home
		Object ics = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then(r => r.text().then(t => done(r.headers.get('content-type') + '|' + t.replaceAll('\\r\\n', '<CRLF>'))));""",
				driver.findElement(By.id("ics-" + id)).getAttribute("href"));
		// every line ends in CRLF (replaced by a marker in the page, as the driver's strings do not keep a CR)
		assertThat((String) ics).startsWith("text/calendar").contains("BEGIN:VEVENT<CRLF>").contains("UID:" + id + "@caremap<CRLF>")
			.contains("SUMMARY:Provider visit with Dr. Maria Alvarez<CRLF>").endsWith("END:VCALENDAR<CRLF>").doesNotContain("\n");

		// tomorrow's visit is on My day
		go(driver.findElement(By.linkText("My day")));
		WebElement visit = driver.findElement(By.id("visit-" + id));
		assertThat(visit.getText()).contains("Keyboard, Rosa").contains("Provider visit").contains("Dr. Maria Alvarez")
			.contains("Transport needed, not arranged");
		assertThat(driver.findElement(By.id("visits-count")).getText()).contains("coming visit").doesNotContain("{");
		driver.executeScript("document.documentElement.style.scrollBehavior = 'auto'; document.getElementById('myday-visits').scrollIntoView(); window.scrollBy(0, -80)");
		Thread.sleep(500);
		Chrome.shot(driver, "myday-visits");

		// back to the chart from the visit's row, and the patient came
		go(visit.findElement(By.linkText("Keyboard, Rosa")));
		go(driver.findElement(By.id("arrive-" + id)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The patient is marked as arrived.");
		assertThat(jdbc.sql("select status from appointment where id = ?").param(id).query(String.class).single()).isEqualTo("ARRIVED");
		assertThat(driver.findElement(By.id("past-appointments")).getText()).contains("Arrived");
		assertThat(driver.findElements(By.id("arrive-" + id))).isEmpty();
		// and the visit is on the patient's timeline
		go(driver.findElement(By.linkText("Timeline")));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Provider visit with Dr. Maria Alvarez: Arrived");
		go(driver.findElement(By.linkText("Appointments")));
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		Files.copy(Chrome.SHOTS.resolve("appointments.png"), docs.resolve("appointments.png"), StandardCopyOption.REPLACE_EXISTING);
		Files.copy(Chrome.SHOTS.resolve("myday-visits.png"), docs.resolve("myday-visits.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void theAppointmentsPageAndMyDayFitAPhone() throws Exception {
		PatientId patient = AppointmentFixtures.enrolledPatient(new Actors(users), patients, organizations, programs, cases,
				accounts, "Phonewidth", "phone@example.org");
		new Actors(users).run("casemanager", () -> {
			var appointments = applicationAppointments();
			appointments.record(AppointmentFixtures.visit(patient, java.time.Instant.now().plus(java.time.Duration.ofDays(2)), true));
		});
		driver = Chrome.start(PHONE, 844);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/appointments"));
		assertThat(driver.findElement(By.id("appointment-form")).isDisplayed()).isTrue();
		assertFitsTheScreen("appointments");
		Chrome.shot(driver, "appointments-phone");
		driver.get(url("/myday"));
		assertThat(driver.findElement(By.id("myday-visits")).getText()).contains("Phonewidth, Rosa");
		assertFitsTheScreen("my day");
	}

	@Autowired Appointments appointmentsBean;

	private Appointments applicationAppointments() {
		return appointmentsBean;
	}

	private void type(String field, String text) {
		WebElement input = driver.findElement(By.id(field));
		input.clear();
		input.sendKeys(text);
	}

	private long count(PatientId patient) {
		return jdbc.sql("select count(*) from appointment where patient_id = ?").param(patient.value()).query(Long.class).single();
	}

	private void assertFitsTheScreen(String page) {
		@SuppressWarnings("unchecked")
		Map<String, Object> sizes = (Map<String, Object>) driver.executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		assertThat(((Number) sizes.get("scroll")).longValue()).as(page + " " + sizes).isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
		assertThat(((Number) sizes.get("inner")).longValue()).as(page + " " + sizes).isEqualTo(PHONE);
	}
}
