package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Acceptance 1, the conference half, by keyboard: the case manager plans a case conference with two cases from her
 * caseload (a field error first), an outside physician and a colleague; writes notes, records a decision for another
 * team member with a due date, which becomes his task on My day; signs the record, after which it has no forms left
 * and shows as signed on the patient's timeline. A supervisor sets up a weekly meeting. Every page passes axe; the
 * conference page fits a phone.
 */
class ConferenceBrowserIT extends BrowserTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private void check(String css) {
		WebElement box = driver.findElement(By.cssSelector(css));
		box.sendKeys(Keys.SPACE);
		assertThat(box.isSelected()).as(css).isTrue();
	}

	/** The page of the conference list (25 a page, newest first) that shows this conference. */
	private long pageOf(UUID conference) {
		return jdbc.sql("""
				select count(*) from conference c, conference me where me.id = ?
				  and (c.starts_at > me.starts_at or (c.starts_at = me.starts_at and c.id < me.id))""")
			.param(conference).query(Long.class).single() / 25;
	}

	@Test
	void aConferenceWithTwoCasesTurnsADecisionIntoATaskForAColleagueAndIsSignedAndLocked() throws Exception {
		Actors actors = new Actors(users);
		var first = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Brightwater", Acuity.HIGH);
		var second = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Castellano", Acuity.MODERATE);
		var okafor = accounts.findByUsername("careteam").orElseThrow().id();
		String title = "Complex care review " + UUID.randomUUID().toString().substring(0, 4);

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url("/caseload"));
		go(driver.findElement(By.id("conferences-link")));
		go(driver.findElement(By.id("new-conference")));
		// forgetting the title: the field says so, what was typed stays
		driver.findElement(By.id("guest1Name")).sendKeys("Dr. Anita Shah");
		go(driver.findElement(By.id("plan-conference")));
		assertThat(driver.findElement(By.id("title-error")).getText()).contains("required");
		assertThat(driver.findElement(By.id("guest1Name")).getAttribute("value")).isEqualTo("Dr. Anita Shah");
		driver.findElement(By.id("title")).sendKeys(title);
		driver.findElement(By.id("guest1Role")).sendKeys("Primary care physician");
		check("input[name='attendees'][value='" + okafor.value() + "']");
		check("input[name='cases'][value='" + first.caseId().value() + "']");
		check("input[name='cases'][value='" + second.caseId().value() + "']");
		shot("team-conference-form");
		go(driver.findElement(By.id("plan-conference")));
		assertThat(driver.findElement(By.id("conference-title")).getText()).isEqualTo(title);
		assertThat(driver.findElement(By.id("attendee-list")).getText()).contains("Dr. Anita Shah (Primary care physician)")
			.contains("Dr. Samuel Okafor");
		String url = driver.getCurrentUrl();
		UUID conference = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
		UUID item1 = jdbc.sql("select id from conference_case where conference_id = ? and case_id = ?")
			.params(conference, first.caseId().value()).query(UUID.class).single();
		UUID item2 = jdbc.sql("select id from conference_case where conference_id = ? and case_id = ?")
			.params(conference, second.caseId().value()).query(UUID.class).single();
		assertThat(driver.findElement(By.id("case-" + item1)).getText()).contains(first.family());
		assertThat(driver.findElement(By.id("case-" + item2)).getText()).contains(second.family());

		// notes on the first case, then the decision for Dr. Okafor with a due date
		driver.findElement(By.id("notes-" + item1)).sendKeys("Two falls this month; lives alone. Pharmacist to review medicines.");
		go(driver.findElement(By.id("save-notes-" + item1)));
		assertThat(driver.findElement(By.id("notes-" + item1)).getAttribute("value")).contains("Two falls this month");
		// a decision with a person but no date: the field says so
		driver.findElement(By.id("decision-text-" + item1)).sendKeys("Home visit to review the medicines");
		new Select(driver.findElement(By.id("decision-owner-" + item1))).selectByVisibleText("Dr. Samuel Okafor");
		go(driver.findElement(By.id("record-decision-" + item1)));
		assertThat(driver.findElement(By.id("decision-due-error-" + item1)).getText()).contains("due by");
		assertThat(driver.findElement(By.id("decision-text-" + item1)).getAttribute("value")).isEqualTo("Home visit to review the medicines");
		driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("decision-due-" + item1)),
				Today.date().plusDays(3).toString());
		go(driver.findElement(By.id("record-decision-" + item1)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("sent as a task");
		assertThat(driver.findElement(By.id("decisions-" + item1)).getText()).contains("Home visit to review the medicines")
			.contains("task for Dr. Samuel Okafor");
		driver.findElement(By.id("notes-" + item2)).sendKeys("Stable; keep the monthly calls.");
		go(driver.findElement(By.id("save-notes-" + item2)));
		shot("team-conference");
		UUID decision = jdbc.sql("select id from conference_decision where conference_id = ?").param(conference).query(UUID.class).single();
		Eventually.until("the decision's task for Dr. Okafor", () -> jdbc.sql(
				"select count(*) from task where source = ? and owner_user_id = ?").params("decision:" + decision, okafor.value())
			.query(Long.class).single() == 1);

		// signing locks it: no forms left
		go(driver.findElement(By.id("sign-conference")));
		assertThat(driver.findElement(By.id("signed-notice")).getText()).contains("Signed by Dana Whitfield, RN").contains("locked");
		assertThat(driver.findElement(By.id("conference-status")).getText()).contains("Signed and locked");
		assertThat(driver.findElements(By.cssSelector("main form[method='post']"))).isEmpty();
		assertThat(driver.findElement(By.id("notes-text-" + item1)).getText()).contains("Two falls this month");
		shot("team-conference-signed");
		driver.get(url("/patients/" + first.id().value() + "/timeline"));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Discussed at \"" + title + "\" (signed)")
			.contains("Home visit to review the medicines (task for Dr. Samuel Okafor");
		// the list is paged, newest first, and other tests may have planned later conferences: open the page it is on
		driver.get(url("/team/conferences?page=" + pageOf(conference)));
		assertThat(driver.findElement(By.id("conference-" + conference)).getText()).contains(title).contains("Signed and locked");
		UUID demo = jdbc.sql("select id from conference where title = 'Complex care case review' order by starts_at limit 1")
			.query(UUID.class).single();
		driver.get(url("/team/conferences?page=" + pageOf(demo)));
		assertThat(driver.findElement(By.id("conference-list")).getText()).contains("Complex care case review"); // the demo's
		driver.get(url("/team/conferences?page=" + pageOf(conference)));
		shot("team-conferences");

		// the colleague finds the task on his day
		signIn("careteam");
		driver.get(url("/myday"));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Home visit to review the medicines");

		// the supervisor sets up a weekly meeting (a field error first)
		signIn("supervisor");
		driver.get(url("/caseload/team"));
		go(driver.findElement(By.id("meetings-link")));
		// the demo organisation's weekly huddle, its next meeting opened with an agenda of flagged cases
		assertThat(driver.findElement(By.id("meeting-list")).getText()).contains("Weekly care team huddle").contains("Every Thursday at 10:00");
		go(driver.findElement(By.xpath("//tr[td[normalize-space()='Weekly care team huddle']]//a[starts-with(@id, 'open-agenda-')]")));
		assertThat(driver.findElement(By.id("conference-title")).getText()).isEqualTo("Weekly care team huddle");
		assertThat(driver.findElements(By.cssSelector("[id^='reasons-']"))).isNotEmpty();
		shot("team-meeting-agenda");
		driver.navigate().back();
		String name = "Thursday huddle " + UUID.randomUUID().toString().substring(0, 4);
		go(driver.findElement(By.id("create-meeting")));
		assertThat(driver.findElement(By.id("name-error")).getText()).contains("required");
		driver.findElement(By.id("name")).sendKeys(name);
		new Select(driver.findElement(By.id("forWhom"))).selectByVisibleText("Complex care");
		go(driver.findElement(By.id("create-meeting")));
		assertThat(driver.findElement(By.id("meeting-list")).getText()).contains(name);
		shot("team-meetings");
		quitChecked();

		// the conference page at phone width
		driver = Chrome.start(390, 844);
		signIn("casemanager");
		driver.get(url("/team/conferences/" + conference));
		assertThat(driver.findElement(By.id("conference-title")).getText()).isEqualTo(title);
		fitsThePhone("the signed conference");
		shot("team-conference-phone");
		driver.get(url("/team/conferences"));
		fitsThePhone("the conference list");
	}
}
