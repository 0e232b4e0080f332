package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
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
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The chart's tasks tab: open tasks apart from done and cancelled ones (those folded away under their own heading),
 * and giving an open task to someone else through a form with room to read and labels to say what is asked.
 */
class ChartTasksBrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Tasks tasks;

	@Test
	void openTasksStandApartFromDoneAndCancelledOnesAndATaskIsGivenToSomeoneElse() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Taskly");
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		Actors actors = new Actors(users);
		CaseId caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.MODERATE, "new to the program")));
		Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
		TaskId open = actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.VISIT,
				"Home visit with the pharmacist", null, dana, null, TaskPriority.URGENT, null, tomorrow, null)));
		TaskId done = actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Send the welcome letter", null, dana, null, TaskPriority.ROUTINE, null, tomorrow, null)));
		TaskId cancelled = actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Book the interpreter", null, dana, null, TaskPriority.ROUTINE, null, tomorrow, null)));
		actors.run("casemanager", () -> {
			tasks.complete(done, "Letter posted first class");
			tasks.cancel(cancelled, "She speaks English with us");
		});
		var marcus = accounts.findByUsername("casemanager2").orElseThrow();
		String chart = "/patients/" + patient;

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url(chart + "/tasks"));
		// only people who can open the record are offered: Marcus is not on the case team yet
		assertThat(driver.findElement(By.id("to-" + open)).getAttribute("textContent")).contains("Dana Whitfield, RN")
			.doesNotContain(marcus.displayName());
		actors.run("casemanager", () -> cases.addTeamMember(caseId, marcus.id(), "Social worker", LocalDate.now(zone), null));
		driver.navigate().refresh();

		// open work only in the open list
		String openList = driver.findElement(By.id("open-tasks")).getText();
		assertThat(openList).contains("Home visit with the pharmacist").contains("Follow-up")
			.doesNotContain("Send the welcome letter").doesNotContain("Book the interpreter");
		assertThat(driver.findElement(By.id("open-tasks-title")).getText()).isEqualTo("Open tasks (2)");
		// done and cancelled: folded away under their heading, there when opened
		WebElement closed = driver.findElement(By.id("closed-tasks"));
		assertThat(closed.getAttribute("open")).isNull();
		assertThat(driver.findElement(By.id("closed-tasks-table")).isDisplayed()).isFalse();
		WebElement closedSummary = closed.findElement(By.tagName("summary"));
		assertThat(closedSummary.getText()).isEqualTo("Done and cancelled (2)");
		closedSummary.sendKeys(org.openqa.selenium.Keys.ENTER);
		assertThat(driver.findElement(By.id("closed-tasks-table")).isDisplayed()).isTrue();
		assertThat(driver.findElement(By.id("task-" + done)).getText()).contains("Send the welcome letter").contains("Done")
			.contains("Letter posted first class");
		assertThat(driver.findElement(By.id("task-" + cancelled)).getText()).contains("Book the interpreter").contains("Cancelled");

		// give the visit to Marcus: a labelled form, wide enough to read the names
		WebElement give = driver.findElement(By.id("reassign-" + open));
		assertThat(give.getText()).isEqualTo("Give to someone else");
		give.sendKeys(org.openqa.selenium.Keys.ENTER);
		WebElement to = driver.findElement(By.id("to-" + open));
		assertThat(to.isDisplayed()).isTrue();
		assertThat(to.getRect().getWidth()).as("width of the person chooser").isGreaterThanOrEqualTo(200);
		assertThat(driver.findElement(By.cssSelector("label[for='to-" + open + "']")).getText()).isEqualTo("Give the task to");
		assertThat(driver.findElement(By.cssSelector("label[for='why-" + open + "']")).getText()).isEqualTo("Why");
		new Select(to).selectByVisibleText(marcus.displayName());
		driver.findElement(By.id("why-" + open)).sendKeys("Marcus is seeing her pharmacist that day");
		shot("chart-tasks");
		go(driver.findElement(By.id("give-" + open)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The task was given to someone else");
		assertThat(driver.findElement(By.cssSelector("#task-" + open + " .task-owner")).getText()).isEqualTo(marcus.displayName());
		assertThat(actors.as("supervisor", () -> tasks.find(open).orElseThrow().ownerUser())).isEqualTo(marcus.id());
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
