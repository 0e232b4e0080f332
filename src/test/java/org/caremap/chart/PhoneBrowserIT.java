package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

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
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A case manager on a home visit, on a 390 px phone: My day, the chart, logging a contact and writing a note fit the
 * screen (nothing wider than it), their actions are in view and big enough to tap (44 px), the chart's tabs stay on
 * one row that scrolls sideways, and the contact and the note are saved from the phone.
 */
class PhoneBrowserIT extends BrowserTest {

	static final int WIDTH = 390;

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	@Test
	void onAPhoneMyDayTheChartAContactAndANoteFitTheScreenAndWork() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Pocket");
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(20),
				new Consent(LocalDate.now(zone).minusDays(20), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "lives alone")));
		// the follow-up has come due, so that it is on My day among the demo case manager's work
		jdbc.sql("update task set due_at = now() - interval '3 hours' where source = ?").param("cadence:" + caseId).update();
		String taskId = jdbc.sql("select id::text from task where source = ?").param("cadence:" + caseId).query(String.class).single();
		String chart = "/patients/" + patient;

		driver = Chrome.start(WIDTH, 844);
		signIn("casemanager");

		// My day: the whole worklist fits; the row's actions are in view, big enough, and work
		driver.get(url("/myday"));
		assertThat(driver.findElements(By.cssSelector("#worklist tbody tr")).size()).isGreaterThan(5);
		assertFitsTheScreen("My day");
		WebElement done = driver.findElement(By.id("complete-" + taskId));
		WebElement logContact = driver.findElement(By.id("log-contact-" + taskId));
		WebElement outcome = driver.findElement(By.id("outcome-" + taskId));
		for (WebElement action : List.of(done, logContact, outcome)) assertTappable(action, "My day");
		// sorting and filtering from the lists above the cards; the headers' sort links, unseen on a phone, take no focus
		for (String control : List.of("f-sort", "f-kind", "myday-apply")) assertTappable(driver.findElement(By.id(control)), "My day");
		assertThat(driver.findElement(By.id("sort-due")).isDisplayed()).as("the header's sort link on a phone").isFalse();
		shot("phone-myday");

		// from the row: log the contact, back on My day
		assertClickable(logContact, "My day");
		go(logContact);
		waitForPath(chart + "/contacts/new");
		assertFitsTheScreen("Log a contact");
		assertTappable(driver.findElement(By.id("log-contact")), "Log a contact");
		driver.findElement(By.id("minutes")).clear();
		driver.findElement(By.id("minutes")).sendKeys("25");
		driver.findElement(By.id("summary")).sendKeys("Home visit: pill box set up with her daughter.");
		driver.executeScript("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", driver.findElement(By.id("summary")));
		shot("phone-contact");
		WebElement save = driver.findElement(By.id("log-contact"));
		assertClickable(save, "Log a contact");
		go(save);
		waitForPath("/myday");
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The contact was logged");
		// the reached contact completed the follow-up it was logged for
		assertThat(driver.findElements(By.id("complete-" + taskId))).isEmpty();

		// the chart: header and action bar fit, the tabs are one row that scrolls, every tab reachable
		driver.get(url(chart));
		assertFitsTheScreen("the chart");
		List<WebElement> tabs = driver.findElements(By.cssSelector(".cm-tabs .nav-link"));
		assertThat(tabs).hasSizeGreaterThan(6);
		long rows = tabs.stream().map(t -> t.getRect().getY()).distinct().count();
		assertThat(rows).as("rows of chart tabs").isEqualTo(1);
		WebElement strip = driver.findElement(By.cssSelector(".cm-tabs"));
		assertThat((Boolean) driver.executeScript("return arguments[0].scrollWidth > arguments[0].clientWidth", strip))
			.as("the tab strip scrolls sideways").isTrue();
		for (WebElement tab : tabs) assertThat(tab.getRect().getHeight()).as("height of tab " + tab.getText()).isGreaterThanOrEqualTo(44);
		for (WebElement action : driver.findElements(By.cssSelector("#chart-actions a"))) assertTappable(action, "the chart's action bar");
		assertThat(driver.findElement(By.id("summary-contacts")).getText()).contains("Home visit: pill box set up with her daughter.");
		shot("phone-chart");

		// a tab far along the strip: it opens, and the strip shows it
		WebElement tasksTab = driver.findElement(By.cssSelector(".cm-tabs a[href$='/tasks']"));
		assertClickable(tasksTab, "the tab strip");
		go(tasksTab);
		waitForPath(chart + "/tasks");
		assertFitsTheScreen("the chart's tasks");
		WebElement current = driver.findElement(By.cssSelector(".cm-tabs .nav-link.active"));
		assertInView(current, "the current tab");
		shot("phone-tasks");

		// New note from the action bar: the form opens in view; the note is saved and the chart comes back
		WebElement newNote = driver.findElement(By.id("action-new-note"));
		assertClickable(newNote, "the chart's action bar");
		go(newNote);
		waitForPath(chart + "/notes");
		assertFitsTheScreen("the notes");
		WebElement subjective = driver.findElement(By.id("section-0"));
		assertThat((Boolean) driver.executeScript(
				"var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight", subjective))
			.as("the note form is in view on arrival").isTrue();
		subjective.sendKeys("Seen at home; daughter present.");
		driver.findElement(By.id("section-3")).sendKeys("Call in a week.");
		WebElement draft = driver.findElement(By.id("save-draft"));
		assertTappable(draft, "the note form");
		assertTappable(driver.findElement(By.id("sign-note")), "the note form");
		shot("phone-note");
		assertClickable(draft, "the note form");
		go(draft);
		waitForPath(chart + "/tasks");
		assertThat(driver.findElement(By.cssSelector(".alert-success")).isDisplayed()).isTrue();
		driver.get(url(chart + "/notes"));
		assertThat(driver.findElement(By.cssSelector("[data-note]")).getText())
			.contains("Seen at home; daughter present.").contains("Call in a week.");
		assertFitsTheScreen("the notes with a note");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();

		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		for (String name : List.of("phone-myday", "phone-chart", "phone-contact")) {
			Files.copy(Chrome.SHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Each role's home on a phone: the page fits, and its tables are cards, one a row, that do not scroll sideways
	 * (a figure keeps its label, said by the column's header on a wider screen).
	 */
	@Test
	void onAPhoneEachRolesHomeStacksItsTables() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Pockethome");
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(20),
				new Consent(LocalDate.now(zone).minusDays(20), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "lives alone")));
		// late work on the case manager's home, and on the supervisor's count of it
		jdbc.sql("update task set due_at = now() - interval '2 days' where source = ?").param("cadence:" + caseId).update();

		driver = Chrome.start(WIDTH, 844);
		for (String user : List.of("casemanager", "supervisor", "intake")) {
			signIn(user);
			driver.get(url("/"));
			String page = "the home of " + user;
			assertFitsTheScreen(page);
			List<WebElement> tables = driver.findElements(By.cssSelector(".cm-home table"));
			assertThat(tables).as(page + ": tables").isNotEmpty();
			for (WebElement table : tables) {
				String id = table.getAttribute("id") + " in " + table.findElement(By.xpath("./ancestor::section[1]")).getAttribute("id");
				assertThat(table.getAttribute("class")).as(page + ": " + id).contains("cm-stack");
				// nothing in the table is wider than its box: no sideways scrolling inside the page either
				assertThat((Boolean) driver.executeScript("var box = arguments[0].parentElement;"
						+ " return box.scrollWidth <= box.clientWidth && arguments[0].getBoundingClientRect().right <= window.innerWidth",
						table)).as(page + ": " + id + " fits without scrolling sideways").isTrue();
				for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
					assertThat(row.getCssValue("display")).as(page + ": a row of " + id + " is a card").isEqualTo("grid");
				}
			}
			if (user.equals("casemanager")) {
				List<WebElement> late = driver.findElements(By.cssSelector("#cm-overdue tbody tr"));
				assertThat(late).as(page + ": late work").isNotEmpty();
				assertThat(late.get(0).getText()).contains("late");
				List<WebElement> actions = late.get(0).findElements(By.cssSelector("a.cm-tap"));
				assertThat(actions).hasSize(1);
				assertTappable(actions.get(0), page);
			}
			if (user.equals("supervisor")) {
				// the team's figures keep their words on the card
				WebElement member = driver.findElements(By.cssSelector("#sv-team tbody tr")).stream()
					.filter(r -> r.getText().contains("Dana Whitfield")).findFirst().orElseThrow();
				assertThat(member.getText()).contains("Overdue tasks").contains("Open cases").contains("Acuity weight");
			}
			shot("phone-home-" + user);
			if (user.equals("casemanager")) {
				// the caseload on the phone: the page fits (its wide table scrolls inside its own box)
				driver.get(url("/caseload"));
				assertFitsTheScreen("My caseload");
				shot("phone-caseload");
			}
		}
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		Files.copy(Chrome.SHOTS.resolve("phone-home-casemanager.png"), docs.resolve("home-phone.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** Nothing on the page is wider than the phone: no sideways scrolling of the page, no zooming out. */
	private void assertFitsTheScreen(String page) {
		@SuppressWarnings("unchecked")
		Map<String, Object> sizes = (Map<String, Object>) driver.executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, screen: screen.width}");
		long scroll = ((Number) sizes.get("scroll")).longValue();
		long inner = ((Number) sizes.get("inner")).longValue();
		assertThat(scroll).as(page + ": page width (scrollWidth) against the window " + sizes).isLessThanOrEqualTo(inner);
		// a phone zooms a page that is too wide out until it fits, which widens the window: the window stays the phone's
		assertThat(inner).as(page + ": window width " + sizes).isEqualTo(WIDTH);
	}

	/** In view across (not cut off at the right), shown, enabled, and at least 44 px high. */
	private void assertTappable(WebElement element, String page) {
		assertThat(element.isDisplayed()).as(page + ": " + element.getText() + " shown").isTrue();
		assertThat(element.isEnabled()).isTrue();
		var r = element.getRect();
		assertThat(r.getX()).as(page + ": left of " + element.getText()).isGreaterThanOrEqualTo(0);
		assertThat(r.getX() + r.getWidth()).as(page + ": right of " + element.getText()).isLessThanOrEqualTo(WIDTH);
		assertThat(r.getHeight()).as(page + ": height of " + element.getText()).isGreaterThanOrEqualTo(44);
	}

	private void assertInView(WebElement element, String what) {
		assertThat((Boolean) driver.executeScript("var r = arguments[0].getBoundingClientRect();"
				+ " return r.left >= 0 && r.right <= window.innerWidth", element)).as(what + " in view").isTrue();
	}

	/**
	 * Scrolled into view, the element itself is what a finger on its middle touches (nothing covers it: not the top
	 * bar, not a neighbour).
	 */
	private void assertClickable(WebElement element, String page) {
		String hit = (String) driver.executeScript("var e = arguments[0]; e.scrollIntoView({block: 'center', inline: 'nearest', behavior: 'instant'});"
				+ " var r = e.getBoundingClientRect(); var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
				+ " if (hit !== null && (hit === e || e.contains(hit))) return 'itself';"
				+ " return (hit === null ? 'nothing' : hit.outerHTML.substring(0, 200)) + ' at ' + JSON.stringify(r)"
				+ " + ' in ' + window.innerWidth + 'x' + window.innerHeight + ' scrolled ' + window.scrollY", element);
		assertThat(hit).as(page + ": what a tap on " + element.getText() + " touches").isEqualTo("itself");
	}

	private void waitForPath(String path) {
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Chrome.PATIENCE)
			.until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
	}
}
