package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Admin > Programs > a program's clocks, by keyboard, in a browser: the built-in clocks listed, a clock added (a
 * refused warning first, said next to the field, the typed values kept), changed and retired; a referral's clock
 * refused with a stop that does not fit its start, then added with the referral's decision; the page and the form
 * at phone width; a supervisor's clocks at risk. Every page is checked with axe.
 */
class ClockAdminBrowserIT extends BrowserTest {

	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired PatientRegistry patients;
	@Autowired Cases cases;
	@Autowired JdbcClient jdbc;

	@Test
	void anAdministratorAddsChangesAndRetiresAProgramsClock() throws Exception {
		ProgramView program = new Actors(users).as("admin", () -> {
			var p = programs.create(organizations.primary().orElseThrow().id(), new ProgramDefinition(
					"Crisis follow-up " + Long.toString(System.nanoTime() % 10_000), ProgramType.BEHAVIOURAL_HEALTH,
					"Follow-up after a crisis.", "A safety flag on a screen.", 7, Confidentiality.STANDARD, true));
			programs.assignSupervisors(p.id(), Set.of(accounts.findByUsername("supervisor").orElseThrow().id()));
			return p;
		});
		driver = Chrome.start(1366, 900);
		signIn("admin");
		driver.get(url("/admin/programs/" + program.id().value()));
		go(driver.findElement(By.id("program-clocks")));
		WebElement list = driver.findElement(By.id("clocks"));
		assertThat(list.getText()).contains("Follow-up contact").contains("The program's contact cadence (7 calendar days)")
			.contains("Transition call after discharge").contains("2 business days").contains("Face-to-face visit after discharge")
			.contains("Built in");

		go(driver.findElement(By.id("new-clock")));
		type("name", "Call after a safety flag");
		new Select(driver.findElement(By.id("start"))).selectByVisibleText("A safety flag raised by an assessment");
		new Select(driver.findElement(By.id("stop"))).selectByVisibleText("A contact that reached the patient");
		type("target", "4");
		new Select(driver.findElement(By.id("unit"))).selectByVisibleText("Business hours");
		type("warnBefore", "4");
		new Select(driver.findElement(By.id("tell"))).selectByVisibleText("The case manager and the supervisors");
		go(driver.findElement(By.id("save-clock")));
		// refused: the warning must come before the end; what was typed is kept
		assertThat(driver.findElement(By.id("warnBefore-error")).getText()).contains("before the time allowed runs out");
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Call after a safety flag");
		assertThat(new Select(driver.findElement(By.id("unit"))).getFirstSelectedOption().getText()).isEqualTo("Business hours");
		type("warnBefore", "1");
		go(driver.findElement(By.id("save-clock")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The clock was saved.");
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("Call after a safety flag")
			.contains("A safety flag raised by an assessment").contains("4 business hours").contains("1 business hour before")
			.contains("The case manager and the supervisors");
		Chrome.shot(driver, "program-clocks");

		// a referral's clock: a stop that does not fit its start is refused next to the field; its decision fits
		go(driver.findElement(By.id("new-clock")));
		type("name", "Referral decided in time");
		new Select(driver.findElement(By.id("start"))).selectByVisibleText("A referral to the program received");
		new Select(driver.findElement(By.id("stop"))).selectByVisibleText("A contact that reached the patient");
		type("target", "2");
		go(driver.findElement(By.id("save-clock")));
		assertThat(driver.findElement(By.id("stop-error")).getText()).contains("does not stop a clock started that way");
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Referral decided in time");
		new Select(driver.findElement(By.id("stop"))).selectByVisibleText("The referral accepted, declined or withdrawn");
		go(driver.findElement(By.id("save-clock")));
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("Referral decided in time")
			.contains("A referral to the program received").contains("The referral accepted, declined or withdrawn");

		// change it: kept time left off, paused in hospital
		go(driver.findElement(By.cssSelector("a[aria-label='Change Call after a safety flag']")));
		Chrome.shot(driver, "program-clock-form");
		click("pauseInHospital1");
		click("keepTimeLeft1");
		go(driver.findElement(By.id("save-clock")));
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("Patient in hospital").contains("Starts again in full");

		// on a phone: nothing wider than the screen
		driver.quit();
		driver = Chrome.start(390, 844);
		signIn("admin");
		driver.get(url("/admin/programs/" + program.id().value() + "/clocks"));
		assertThat(fits()).as("clocks on a phone").isTrue();
		Chrome.shot(driver, "phone-program-clocks");
		go(driver.findElement(By.id("new-clock")));
		assertThat(fits()).as("clock form on a phone").isTrue();
		driver.get(url("/admin/programs/" + program.id().value() + "/clocks"));

		// retired: listed as retired, no longer changed
		go(driver.findElement(By.cssSelector("button[aria-label='Retire Call after a safety flag']")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The clock was retired.");
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("Retired");
		assertThat(driver.findElements(By.cssSelector("a[aria-label='Change Call after a safety flag']"))).isEmpty();
		assertThat(jdbc.sql("select count(*) from clock_definition where program_id = ? and retired_at is not null")
			.param(program.id().value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aSupervisorSeesTheClocksAtRiskOfTheirPrograms() throws Exception {
		Actors actors = new Actors(users);
		ProgramView program = actors.as("admin", () -> {
			var p = programs.create(organizations.primary().orElseThrow().id(), new ProgramDefinition(
					"Rapid response " + Long.toString(System.nanoTime() % 10_000), ProgramType.COMPLEX_CARE, "", "", 7,
					Confidentiality.STANDARD, true));
			programs.assignSupervisors(p.id(), Set.of(accounts.findByUsername("supervisor").orElseThrow().id()));
			return p;
		});
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Atrisk");
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		var zone = organizations.calendar(organizations.primary().orElseThrow().id()).zone();
		CaseId caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				java.time.LocalDate.now(zone), new Consent(java.time.LocalDate.now(zone), ConsentMethod.VERBAL, "Dana Whitfield, RN",
						true, true, true, true), Acuity.MODERATE, "test")));
		// its follow-up clock ran out yesterday
		jdbc.sql("update clock_instance set due_at = now() - interval '1 day' where case_id = ? and status = 'RUNNING'")
			.param(caseId.value()).update();
		driver = Chrome.start(1366, 900);
		signIn("supervisor");
		go(driver.findElement(By.id("home-clocks-at-risk")));
		assertThat(driver.findElement(By.id("clocks-at-risk")).getText()).contains("Atrisk").contains("Follow-up contact")
			.contains(program.name()).contains("Past due");
		Chrome.shot(driver, "clocks-at-risk");
	}

	private boolean fits() {
		@SuppressWarnings("unchecked")
		Map<String, Object> sizes = (Map<String, Object>) driver.executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		return ((Number) sizes.get("scroll")).longValue() <= ((Number) sizes.get("inner")).longValue();
	}

	private void type(String field, String text) {
		WebElement input = driver.findElement(By.id(field));
		input.clear();
		input.sendKeys(text);
	}

	private void click(String id) {
		driver.findElement(By.id(id)).sendKeys(org.openqa.selenium.Keys.SPACE);
	}
}
