package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Chrome;
import org.caremap.support.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A case manager's day in a real browser: "My day" shows the due follow-up; logging a reached phone call
 * completes it and the next follow-up appears 14 days later; a signed note cannot be edited, only addended.
 */
class MyDayBrowserIT extends BrowserTest {

	static final Path SHOTS = Path.of("target", "screenshots");

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private WebDriverWait waiting() {
		return new WebDriverWait(driver, Chrome.PATIENCE);
	}

	@Test
	void loggingAReachedCallCompletesTheTaskAndSchedulesTheNextAndSignedNotesStaySigned() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var complex = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Dayton");
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, complex.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(20),
				new Consent(LocalDate.now(zone).minusDays(20), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.COMPLEX, "frequent admissions")));
		// the follow-up has come due
		jdbc.sql("update task set due_at = now() - interval '2 hours' where source = ?").param("cadence:" + caseId).update();

		driver = Chrome.start(1366, 900);
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("casemanager");
		WebElement password = driver.findElement(By.id("password"));
		password.sendKeys(demo.password("casemanager").orElseThrow());
		go(password);

		go(driver.findElement(By.linkText("My day")));
		WebElement row = driver.findElements(By.cssSelector("#worklist tbody tr")).stream()
			.filter(r -> r.getText().contains("Dayton, Test")).findFirst().orElseThrow();
		assertThat(row.getText()).contains("Overdue").contains("Follow-up contact");
		go(row.findElement(By.linkText("Log a contact")));

		// phone call, outbound, with the patient, reached: the defaults; the due task is already ticked
		assertThat(driver.findElement(By.cssSelector("input[name=completes]:checked"))).isNotNull();
		driver.findElement(By.id("minutes")).clear();
		driver.findElement(By.id("minutes")).sendKeys("18");
		driver.findElement(By.id("summary")).sendKeys("Reviewed medications; no new symptoms.");
		shot("log-contact");
		go(driver.findElement(By.id("log-contact")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The contact was logged");

		String nextDue = LocalDate.now(zone).plusDays(14).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH));
		// two weeks ahead is past the day's seven-day list: counted there, and listed with "Show all"
		assertThat(driver.findElement(By.id("later")).getText()).contains("due after the next 7 days");
		go(driver.findElement(By.id("show-all")));
		WebElement next = driver.findElements(By.cssSelector("#worklist tbody tr")).stream()
			.filter(r -> r.getText().contains("Dayton, Test")).findFirst().orElseThrow();
		assertThat(next.getText()).contains("Upcoming").contains(nextDue).doesNotContain("Overdue");

		// a note, signed: afterwards only addenda
		driver.get(url("/patients/" + patient + "/notes"));
		driver.findElement(By.id("section-0")).sendKeys("Feels better since the medication change.");
		driver.findElement(By.id("section-3")).sendKeys("Call again in two weeks.");
		go(driver.findElement(By.id("sign-note")));
		WebElement note = driver.findElement(By.cssSelector("article[data-note]"));
		assertThat(note.getText()).contains("Signed by Dana Whitfield, RN");
		assertThat(note.findElements(By.linkText("Edit"))).isEmpty();
		String noteId = note.getAttribute("data-note");
		// even a hand-made request to change it is refused
		driver.executeScript("""
				const form = document.getElementById('note-form');
				const id = document.createElement('input');
				id.type = 'hidden'; id.name = 'note'; id.value = arguments[0];
				form.appendChild(id);
				document.getElementById('section-0').value = 'rewritten history';
				""", noteId);
		go(driver.findElement(By.id("save-draft")));
		assertThat(driver.findElement(By.cssSelector(".alert-danger")).getText()).contains("This note is signed");
		assertThat(jdbc.sql("select section_1 from progress_note where id = ?::uuid").param(noteId).query(String.class)
			.single()).isEqualTo("Feels better since the medication change.");
		WebElement addendum = driver.findElement(By.id("addendum-" + noteId));
		addendum.sendKeys("Pharmacy confirmed the new dose.");
		go(driver.findElement(By.cssSelector("article[data-note] form button")));
		assertThat(driver.findElement(By.cssSelector("article[data-note]")).getText())
			.contains("Addendum by Dana Whitfield, RN").contains("Pharmacy confirmed the new dose.");
		shot("notes");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Autowired Tasks tasks;

	private CaseId enrol(PatientId patient, ZoneId zone) {
		var complex = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		return new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, complex.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(20),
				new Consent(LocalDate.now(zone).minusDays(20), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.COMPLEX, "frequent admissions")));
	}

	@Test
	void safetyWorkStandsAboveOlderLateCallsAndAPatientsTasksStandTogether() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var org = organizations.primary().orElseThrow().id();
		var me = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId late = Actors.newPatient(patients, org, "Latecall");
		PatientId unsafe = Actors.newPatient(patients, org, "Safetyfirst");
		CaseId lateCase = enrol(late, zone);
		CaseId unsafeCase = enrol(unsafe, zone);
		// an overdue routine call, five days late, and a second task of the same patient next week
		jdbc.sql("update task set due_at = now() - interval '5 days' where source = ?").param("cadence:" + lateCase).update();
		jdbc.sql("update task set due_at = now() + interval '5 days' where source = ?").param("cadence:" + unsafeCase).update();
		Actors actors = new Actors(users);
		actors.run("casemanager", () -> tasks.create(new NewTask(late, lateCase, TaskType.VISIT, "Home visit", null, me,
				null, TaskPriority.ROUTINE, null, java.time.Instant.now().plus(java.time.Duration.ofDays(4)), null)));
		// a newer STAT safety task, due in an hour
		actors.run("casemanager", () -> tasks.create(new NewTask(unsafe, unsafeCase, TaskType.SAFETY_FOLLOW_UP,
				"PHQ-9 item 9 positive: immediately", null, me, null, TaskPriority.STAT, null,
				java.time.Instant.now().plus(java.time.Duration.ofHours(1)), null)));

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		go(driver.findElement(By.linkText("My day")));
		java.util.List<WebElement> rows = driver.findElements(By.cssSelector("#worklist tbody tr[id^=task-]"));
		int safety = indexOf(rows, "PHQ-9 item 9 positive");
		int call = indexOf(rows, "Latecall, Test");
		assertThat(safety).isNotNegative().isLessThan(call);
		assertThat(rows.get(call).getText()).contains("Overdue").contains("5 days late");

		// the late patient's two tasks stand together under the patient's name
		WebElement group = driver.findElements(By.cssSelector("#worklist tbody.cm-group")).stream()
			.filter(g -> g.findElement(By.cssSelector("tr.cm-group-head")).getText().contains("Latecall, Test"))
			.findFirst().orElseThrow();
		java.util.List<WebElement> grouped = group.findElements(By.cssSelector("tr[id^=task-]"));
		assertThat(grouped).hasSize(2);
		assertThat(grouped.get(0).getText()).contains("Follow-up contact").contains("Overdue");
		assertThat(grouped.get(1).getText()).contains("Home visit");
		assertThat(group.findElement(By.cssSelector("tr.cm-group-head")).getText()).contains("2 tasks");
		// the group's name is a link reached by the keyboard like any other
		assertThat(group.findElement(By.cssSelector("tr.cm-group-head a")).getAttribute("href")).endsWith("/patients/" + late);
		shot("myday-groups");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	@Test
	void theDayIsSortedAndFilteredByKeyboardThroughTheAddressAndTheUsualOrderComesBack() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var org = organizations.primary().orElseThrow().id();
		var me = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId late = Actors.newPatient(patients, org, "Sortlate");
		PatientId unsafe = Actors.newPatient(patients, org, "Sortsafe");
		CaseId lateCase = enrol(late, zone);
		CaseId unsafeCase = enrol(unsafe, zone);
		jdbc.sql("update task set due_at = now() - interval '3 days' where source = ?").param("cadence:" + lateCase).update();
		jdbc.sql("update task set due_at = now() + interval '6 days' where source = ?").param("cadence:" + unsafeCase).update();
		Actors actors = new Actors(users);
		actors.run("casemanager", () -> tasks.create(new NewTask(late, lateCase, TaskType.VISIT, "Sort test visit", null, me,
				null, TaskPriority.ROUTINE, null, java.time.Instant.now().plus(java.time.Duration.ofDays(2)), null)));
		actors.run("casemanager", () -> tasks.create(new NewTask(unsafe, unsafeCase, TaskType.SAFETY_FOLLOW_UP,
				"Sort test safety check", null, me, null, TaskPriority.STAT, null,
				java.time.Instant.now().plus(java.time.Duration.ofHours(2)), null)));

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		go(driver.findElement(By.linkText("My day")));
		int everything = taskRows().size();
		// the usual order: the STAT safety check above the older late call
		assertThat(indexOf(taskRows(), "Sort test safety check")).isNotNegative().isLessThan(indexOf(taskRows(), "Sortlate, Test"));

		// only visits: chosen by typing in the list, applied with the keyboard
		driver.findElement(By.id("f-kind")).sendKeys("Visit");
		go(driver.findElement(By.id("myday-apply")));
		assertThat(driver.getCurrentUrl()).contains("kind=VISIT");
		assertThat(taskRows()).isNotEmpty().hasSizeLessThan(everything)
			.allSatisfy(r -> assertThat(r.getAttribute("data-kind")).isEqualTo("VISIT"));
		assertThat(indexOf(taskRows(), "Sort test visit")).isNotNegative();
		assertThat(driver.findElement(By.id("myday-shown")).getText()).endsWith("of " + everything + " shown");

		// any kind, overdue only: the late call stays, the safety check due later today goes
		driver.findElement(By.id("f-kind")).sendKeys("Any");
		driver.findElement(By.id("f-overdue")).sendKeys(Keys.SPACE);
		go(driver.findElement(By.id("myday-apply")));
		assertThat(driver.getCurrentUrl()).contains("overdue=true").doesNotContain("kind=VISIT");
		assertThat(taskRows()).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("Overdue"));
		assertThat(indexOf(taskRows(), "Sortlate, Test")).isNotNegative();
		assertThat(indexOf(taskRows(), "Sort test safety check")).isNegative();

		// sorted by patient from the column's header: the filter is kept, the names come in order, the header says so
		go(driver.findElement(By.id("sort-patient")));
		assertThat(driver.getCurrentUrl()).contains("sort=patient").contains("overdue=true");
		assertThat(header("sort-patient").getAttribute("aria-sort")).isEqualTo("ascending");
		assertThat(ownRows().stream().map(r -> r.findElement(By.cssSelector("td.cm-cell-patient a")).getText()).toList())
			.isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		shot("myday-sorted");

		// all of the day by due time: the earliest first
		go(driver.findElement(By.id("myday-clear")));
		go(driver.findElement(By.id("sort-due")));
		assertThat(driver.getCurrentUrl()).contains("sort=due").doesNotContain("overdue");
		assertThat(header("sort-due").getAttribute("aria-sort")).isEqualTo("ascending");
		assertThat(ownRows().stream().map(r -> r.getAttribute("data-due")).filter(d -> d != null && !d.isEmpty())
			.map(java.time.Instant::parse).toList()).hasSizeGreaterThan(2).isSorted();

		// by priority from the list: the most pressing first
		driver.findElement(By.id("f-sort")).sendKeys("Priority");
		go(driver.findElement(By.id("myday-apply")));
		assertThat(driver.getCurrentUrl()).contains("sort=priority");
		assertThat(ownRows().get(0).getAttribute("data-priority")).isEqualTo("STAT");
		assertThat(ownRows().stream().map(r -> TaskPriority.valueOf(r.getAttribute("data-priority"))).toList())
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());

		// back to the usual order; a made-up sort or kind is the usual list, not an error
		go(driver.findElement(By.id("myday-clear")));
		assertThat(driver.getCurrentUrl()).doesNotContain("sort=");
		assertThat(taskRows()).hasSize(everything);
		driver.get(url("/myday?sort=%27drop&kind=NOPE&overdue=maybe&all=1"));
		assertThat(taskRows()).hasSize(everything);
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	private java.util.List<WebElement> taskRows() {
		return driver.findElements(By.cssSelector("#worklist tbody tr[id^=task-]"));
	}

	/** The user's own rows (the team queue's come after them in every order). */
	private java.util.List<WebElement> ownRows() {
		return taskRows().stream().filter(r -> !r.getText().contains("Team queue")).toList();
	}

	private WebElement header(String link) {
		return driver.findElement(By.id(link)).findElement(By.xpath("./ancestor::th"));
	}

	private static int indexOf(java.util.List<WebElement> rows, String text) {
		for (int i = 0; i < rows.size(); i++) if (rows.get(i).getText().contains(text)) return i;
		return -1;
	}
}
