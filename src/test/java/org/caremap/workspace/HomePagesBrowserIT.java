package org.caremap.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Each role's home shows that role's work, in a real browser over the demo organisation: the case manager's safety
 * work, late work, today's and the week's; the supervisor's team, escalations and discharge calls; intake's queue,
 * the most urgent and longest waiting first. Each row names the patient and leads to the chart or the item.
 */
class HomePagesBrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Referrals referrals;
	@Autowired Tasks tasks;
	@Autowired JdbcClient jdbc;

	private ZoneId zone() {
		return organizations.primary().orElseThrow().zone();
	}

	private UserId casemanager() {
		return accounts.findByUsername("casemanager").orElseThrow().id();
	}

	/** A new patient on the demo case manager's caseload; the case's follow-up call put a month ahead. */
	private CaseId enrol(PatientId patient) {
		ProgramView complex = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		LocalDate start = LocalDate.now(zone()).minusDays(20);
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, complex.id(), null,
				casemanager(), start, new Consent(start, ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "two admissions this year")));
		jdbc.sql("update task set due_at = now() + interval '30 days' where source = ?").param("cadence:" + caseId).update();
		return caseId;
	}

	private PatientId patient(String family) {
		return Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
	}

	private TaskId task(PatientId patient, CaseId caseId, TaskType type, String title, TaskPriority priority, Instant due,
			String source) {
		return new Actors(users).as("casemanager", () -> tasks.create(new NewTask(patient, caseId, type, title, null,
				casemanager(), null, priority, null, due, source)));
	}

	private static WebElement rowNaming(WebElement section, String name) {
		return section.findElements(By.cssSelector("tbody tr")).stream().filter(r -> r.getText().contains(name))
			.findFirst().orElseThrow(() -> new AssertionError(name + " is not in " + section.getAttribute("id") + ":\n"
					+ section.getText()));
	}

	@Test
	void caseManagersHomeShowsSafetyWorkLateWorkTodaysAndTheWeeks() throws Exception {
		ZoneId zone = zone();
		PatientId unsafe = patient("Homesafety");
		PatientId late = patient("Homelate");
		PatientId today = patient("Hometoday");
		PatientId visit = patient("Homevisit");
		CaseId unsafeCase = enrol(unsafe);
		CaseId lateCase = enrol(late);
		CaseId todayCase = enrol(today);
		CaseId visitCase = enrol(visit);
		TaskId safety = task(unsafe, unsafeCase, TaskType.SAFETY_FOLLOW_UP, "PHQ-9 item 9 positive: call today",
				TaskPriority.STAT, Instant.now().plus(Duration.ofHours(1)), null);
		// late by more than any demo task, so that it leads the late work
		TaskId call = task(late, lateCase, TaskType.OUTREACH_CALL, "Call about the missed appointment", TaskPriority.ROUTINE,
				Instant.now().minus(Duration.ofDays(30)), null);
		Instant endOfToday = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(60);
		Instant soon = Instant.now().plus(Duration.ofMinutes(5));
		task(today, todayCase, TaskType.MEDICATION_RECONCILIATION, "Reconcile medications",
				TaskPriority.URGENT, soon.isBefore(endOfToday) ? soon : endOfToday, null);
		// the first thing tomorrow: ahead of the demo's work of the week
		task(visit, visitCase, TaskType.VISIT, "Home visit with the daughter", TaskPriority.ROUTINE,
				LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant().plusSeconds(60), null);

		driver = Chrome.start(1366, 1100);
		signIn("casemanager");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, Dana Whitfield, RN");
		assertThat(driver.getPageSource()).doesNotContain("More of your work will appear here");

		WebElement safetySection = driver.findElement(By.id("cm-safety"));
		WebElement safetyRow = rowNaming(safetySection, "Homesafety, Test");
		assertThat(safetyRow.getText()).contains("PHQ-9 item 9 positive: call today").contains("Immediately");
		assertThat(safetyRow.findElement(By.linkText("Homesafety, Test")).getAttribute("href")).endsWith("/patients/" + unsafe);
		assertThat(safetyRow.findElement(By.linkText("PHQ-9 item 9 positive: call today")).getAttribute("href"))
			.endsWith("/patients/" + unsafe + "/tasks#task-" + safety);
		// safety work stands apart: not again among the day's other work
		assertThat(driver.findElement(By.id("cm-today")).getText()).doesNotContain("Homesafety");

		WebElement lateRow = rowNaming(driver.findElement(By.id("cm-overdue")), "Homelate, Test");
		assertThat(lateRow.getText()).contains("Call about the missed appointment").contains("30 days late");
		assertThat(lateRow.findElement(By.linkText("Log a contact")).getAttribute("href"))
			.contains("/patients/" + late + "/contacts/new").contains("task=" + call).contains("returnTo=/");
		assertThat(rowNaming(driver.findElement(By.id("cm-today")), "Hometoday, Test").getText())
			.contains("Reconcile medications").doesNotContain("late");
		assertThat(rowNaming(driver.findElement(By.id("cm-upcoming")), "Homevisit, Test").getText())
			.contains("Home visit with the daughter");
		shot("home-casemanager");

		// the task's link lands on the task in the chart
		go(safetyRow.findElement(By.linkText("PHQ-9 item 9 positive: call today")));
		assertThat(driver.findElement(By.id("task-" + safety)).getText()).contains("PHQ-9 item 9 positive: call today");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Test
	void supervisorsHomeShowsTheTeamEscalationsAndDischargeCalls() throws Exception {
		PatientId escalatedPatient = patient("Homeescalated");
		PatientId discharged = patient("Homedischarged");
		CaseId escalatedCase = enrol(escalatedPatient);
		CaseId dischargedCase = enrol(discharged);
		TaskId escalated = task(escalatedPatient, escalatedCase, TaskType.CARE_PLAN_REVIEW, "Review the care plan after the fall",
				TaskPriority.URGENT, Instant.now().minus(Duration.ofDays(3)), null);
		// gone up to the supervisor a moment ago: the latest escalation
		jdbc.sql("update task set escalated_at = now() + interval '1 minute' where id = ?").param(escalated.value()).update();
		TaskId dischargeCall = task(discharged, dischargedCase, TaskType.OUTREACH_CALL,
				"Transition call: contact within 2 business days of discharge", TaskPriority.ASAP,
				Instant.now().plus(Duration.ofDays(1)), "transition:" + UUID.randomUUID() + ":contact");

		driver = Chrome.start(1366, 1100);
		signIn("supervisor");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, Priya Raman, RN");

		// the team by display name, with late work and caseload weight
		WebElement team = driver.findElement(By.id("sv-team"));
		WebElement dana = rowNaming(team, "Dana Whitfield, RN");
		List<WebElement> figures = dana.findElements(By.tagName("td"));
		assertThat(Integer.parseInt(figures.get(0).getText())).as("overdue tasks").isPositive();
		assertThat(Integer.parseInt(figures.get(2).getText())).as("open cases").isPositive();
		assertThat(Integer.parseInt(figures.get(3).getText())).as("acuity weight")
			.isGreaterThanOrEqualTo(Integer.parseInt(figures.get(2).getText()));
		assertThat(team.getText()).doesNotContain("casemanager");

		WebElement escalation = rowNaming(driver.findElement(By.id("sv-escalations")), "Homeescalated, Test");
		assertThat(escalation.getText()).contains("Review the care plan after the fall").contains("Dana Whitfield, RN")
			.contains("3 days late");
		assertThat(escalation.findElement(By.linkText("Homeescalated, Test")).getAttribute("href"))
			.endsWith("/patients/" + escalatedPatient);
		WebElement transition = rowNaming(driver.findElement(By.id("sv-transitions")), "Homedischarged, Test");
		assertThat(transition.getText()).contains("Transition call").contains("Dana Whitfield, RN").doesNotContain("late");
		assertThat(transition.findElement(By.linkText("Transition call: contact within 2 business days of discharge"))
			.getAttribute("href")).endsWith("/patients/" + discharged + "/tasks#task-" + dischargeCall);
		shot("home-supervisor");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Test
	void intakesHomeShowsTheQueueByUrgencyThenWaitingTime() throws Exception {
		ProgramView program = programs.active().get(0);
		PatientId emergent = patient("Homeemergent");
		PatientId urgent = patient("Homeurgent");
		Instant now = Instant.now();
		new Actors(users).run("intake", () -> {
			referrals.receive(new NewReferral(emergent, program.id(), ReferralSource.HOSPITAL, "Riverside General ED", null,
					"Fell twice this month; lives alone", Urgency.EMERGENT, now.minus(Duration.ofDays(45))));
			// waiting longer, but less urgent: after every emergent referral
			referrals.receive(new NewReferral(urgent, program.id(), ReferralSource.PROVIDER, "Dr. Anita Shah", null,
					"Uncontrolled diabetes", Urgency.URGENT, now.minus(Duration.ofDays(90))));
		});

		driver = Chrome.start(1366, 1100);
		signIn("intake");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Hello, Rosa Delgado");
		WebElement queue = driver.findElement(By.id("home-intake"));
		List<WebElement> rows = queue.findElements(By.cssSelector("#intake-queue tbody tr"));
		List<String> names = rows.stream().map(WebElement::getText).toList();
		int first = indexOf(names, "Homeemergent, Test");
		int second = indexOf(names, "Homeurgent, Test");
		assertThat(first).as("the longest waiting emergent referral leads the queue").isZero();
		assertThat(second).isGreaterThan(first);
		assertThat(rows.get(first).getText()).contains("Emergent").contains("45 days").contains("Riverside General ED");
		assertThat(rows.get(second).getText()).contains("Urgent").contains("90 days");
		// urgency never rises down the list, and within one urgency the waiting time never grows
		List<String> urgencies = rows.stream().map(r -> r.getAttribute("data-urgency")).toList();
		List<String> order = List.of("EMERGENT", "URGENT", "ROUTINE");
		for (int i = 1; i < urgencies.size(); i++) {
			assertThat(order.indexOf(urgencies.get(i))).isGreaterThanOrEqualTo(order.indexOf(urgencies.get(i - 1)));
		}
		assertThat(rows.get(first).findElement(By.linkText("Homeemergent, Test")).getAttribute("href")).contains("/referrals/");
		shot("home-intake");
		// claiming from the home opens the referral for screening
		go(rows.get(first).findElement(By.cssSelector("button[type=submit]")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("You are screening this referral");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Test
	void otherRolesStartFromTheirTools() throws Exception {
		driver = Chrome.start(1366, 768);
		signIn("admin");
		WebElement admin = driver.findElement(By.id("home-admin"));
		assertThat(admin.findElement(By.linkText("Users")).getAttribute("href")).endsWith("/admin/users");
		assertThat(admin.findElement(By.linkText("Audit trail")).getAttribute("href")).endsWith("/admin/audit");
		assertThat(driver.getPageSource()).doesNotContain("More of your work will appear here");
		shot("home-admin");
	}

	@Test
	void eachHomeFitsAPhone() throws Exception {
		driver = Chrome.start(390, 844);
		for (String user : List.of("casemanager", "supervisor", "intake")) {
			signIn(user);
			Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
			// what sticks out, named, should the page scroll sideways
			Object wide = driver.executeScript("""
					return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
					  .filter(e => !e.closest('.table-responsive') || ['absolute', 'fixed'].includes(getComputedStyle(e).position))
					  .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
					  .join('\\n');""");
			assertThat(width.intValue()).as("no horizontal scrolling on a phone for " + user + ":\n" + wide)
				.isLessThanOrEqualTo(390);
			shot("home-" + user + "-phone");
		}
	}

	private static int indexOf(List<String> rows, String text) {
		for (int i = 0; i < rows.size(); i++) if (rows.get(i).contains(text)) return i;
		return -1;
	}
}
