package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

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
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.caremap.task.TaskId;
import org.caremap.task.TaskOverdue;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification list as a case manager reads it: an alert names the patient it is about (her own patient), three
 * overdue alerts about one patient are one row with a count and the repeats behind "Show all", an alert about a
 * patient she may not open names nobody, and the row's one action opens the patient's tasks and marks the row read.
 */
class NotificationsBrowserIT extends BrowserTest {

	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate tx;
	@Autowired JdbcClient jdbc;

	private long alertsAbout(UserId user, PatientId patient) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and patient_id = ? and category = 'task-overdue'")
			.params(user.value(), patient.value()).query(Long.class).single();
	}

	private void overdue(PatientId patient, UserId owner, String title) {
		tx.executeWithoutResult(s -> events.publishEvent(new TaskOverdue(new TaskId(UUID.randomUUID()), patient, owner, null, title)));
	}

	private static String heading(WebElement row) {
		return row.findElement(By.cssSelector("div[id^='n-']")).getText();
	}

	@Test
	void anAlertNamesThePatientToHerCaseManagerAndRepeatsAreOneRow() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var org = organizations.primary().orElseThrow().id();
		var program = programs.active().get(0);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId mine = Actors.newPatient(patients, org, "Belltower");
		PatientId notMine = Actors.newPatient(patients, org, "Hiddenfield");
		new Actors(users).run("supervisor", () -> cases.enrol(new Enrolment(mine, program.id(), null, dana,
				LocalDate.now(zone).minusDays(3), new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL,
						"Priya Raman", true, true, true, true), Acuity.MODERATE, "notification test")));
		for (String title : List.of("Reconcile medications", "Transition call", "Face-to-face visit")) overdue(mine, dana, title);
		overdue(notMine, dana, "Reconcile medications");
		Eventually.until("the alerts", () -> alertsAbout(dana, mine) == 3 && alertsAbout(dana, notMine) == 1);

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url("/notifications"));
		List<WebElement> rows = driver.findElements(By.cssSelector("#notification-list .cm-notification"));
		// the three overdue alerts about her patient: one row, naming her, with a count
		List<WebElement> hers = rows.stream().filter(r -> heading(r).startsWith("Belltower, Test · Overdue:")).toList();
		assertThat(hers).hasSize(1);
		WebElement row = hers.get(0);
		assertThat(row.getAttribute("data-count")).isEqualTo("3");
		assertThat(row.findElement(By.cssSelector(".cm-notification-count")).getText()).isEqualTo("3 alerts");
		// the newest of the three (alerts run after their events' commits, in no promised order) heads the row
		assertThat(row.findElement(By.cssSelector(".cm-notification-title")).getText())
			.isIn("Overdue: Reconcile medications", "Overdue: Transition call", "Overdue: Face-to-face visit");
		// the repeats open from the keyboard
		WebElement showAll = row.findElement(By.cssSelector(".cm-notification-repeats summary"));
		assertThat(showAll.getText()).isEqualTo("Show all 3");
		showAll.sendKeys(Keys.ENTER);
		assertThat(row.findElement(By.cssSelector(".cm-notification-repeats")).getText())
			.contains("Overdue: Reconcile medications").contains("Overdue: Transition call").contains("Overdue: Face-to-face visit");
		// one action per row
		assertThat(row.findElements(By.tagName("button"))).hasSize(1);
		// the patient she may not open is named to nobody
		assertThat(driver.findElement(By.id("notification-list")).getText()).doesNotContain("Hiddenfield");
		assertThat(rows.stream().filter(r -> heading(r).startsWith("Overdue: Reconcile medications")).toList()).isNotEmpty();
		shot("notifications");

		// opening the row goes to the patient's tasks and marks the whole row read
		go(row.findElement(By.cssSelector(".cm-notification-open")));
		assertThat(driver.getCurrentUrl()).endsWith("/patients/" + mine + "/tasks");
		assertThat(jdbc.sql("""
				select count(*) from notification where recipient_id = ? and patient_id = ? and category = 'task-overdue'
				and read_at is null""").params(dana.value(), mine.value()).query(Long.class).single()).isZero();
		driver.get(url("/notifications"));
		WebElement read = driver.findElements(By.cssSelector("#notification-list .cm-notification")).stream()
			.filter(r -> heading(r).startsWith("Belltower, Test · Overdue:")).findFirst().orElseThrow();
		assertThat(read.getText()).doesNotContain("Unread");
	}
}
