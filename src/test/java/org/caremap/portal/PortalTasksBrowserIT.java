package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.support.Today;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Things to do in a real browser: the case manager ticks "The patient does this" on the chart's tasks tab; the
 * patient, on a phone-sized screen (375 x 740), sees the count on the portal home, opens the list and presses Done by
 * keyboard; axe finds no WCAG 2.1 AA violation on any page shown.
 */
@ExtendWith(Chrome.Required.class)
class PortalTasksBrowserIT extends BrowserTest {

	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired JdbcClient jdbc;
	@Autowired Tasks tasks;

	@Test
	void theCaseManagerAsksThePatientOnAPhoneSeesItAndMarksItDone() throws Exception {
		String family = "Entero" + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Grace", "en");
		CaseId caseId = PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		PortalLogin login = PortalLogins.patient(accounts, patient, "Grace " + family);
		var dana = PortalWorkFixtures.dana(users);
		var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		new Actors(details).run("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Write down your blood sugar each morning", null, dana, null, TaskPriority.ROUTINE, null,
				calendar.endOfDay(Today.date().plusDays(7)), null).byThePatient()));

		// the case manager asks for one more on the chart's tasks tab
		driver = Chrome.start(375, 740);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/tasks"));
		driver.findElement(By.id("task-title")).sendKeys("Bring your pill bottles to Friday's visit");
		driver.findElement(By.id("task-for-patient")).sendKeys(Keys.SPACE);
		go(driver.findElement(By.cssSelector("form.cm-form button[type=submit]")));
		assertThat(driver.findElements(By.cssSelector(".cm-for-patient"))).hasSize(2);
		UUID pills = jdbc.sql("select id from task where patient_id = ? and title like 'Bring your pill bottles%' and for_patient")
			.param(patient.value()).query(UUID.class).single();

		// the patient on a phone
		driver.manage().deleteAllCookies();
		PortalLogins.signIn(driver, url(""), login);
		assertThat(driver.findElement(By.id("count-TASKS")).getText()).isEqualTo("2 things to do");
		go(driver.findElement(By.cssSelector("#section-TASKS a")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Things to do");
		assertThat(driver.findElement(By.id("task-list")).getText()).contains("Bring your pill bottles to Friday's visit")
			.contains("Write down your blood sugar each morning");
		fitsThePhone("things to do");
		shot("portal-tasks");
		go(driver.findElement(By.id("portal-task-done-" + pills)));
		assertThat(driver.getPageSource()).contains("Marked done.");
		assertThat(driver.findElement(By.id("task-list")).getText()).doesNotContain("pill bottles").contains("blood sugar");
		assertThat(jdbc.sql("select status from task where id = ?").param(pills).query(String.class).single()).isEqualTo("COMPLETED");
		fitsThePhone("after done");
	}
}
