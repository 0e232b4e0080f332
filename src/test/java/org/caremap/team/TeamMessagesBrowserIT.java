package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
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
 * Acceptance 1 (messages), by keyboard: the case manager adds a pharmacist from outside to the care team (field errors
 * first), starts a thread on the patient's chart with an urgent message; Dr. Okafor, on the case team, signs in and sees
 * it apart in the bell and at the top of his notifications, opens it (the thread, read receipts), and finds it on the
 * patient's timeline. Every page passes axe; the care team and the thread fit a phone.
 */
class TeamMessagesBrowserIT extends BrowserTest {

	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	@Test
	void anUrgentMessageShowsInTheRecipientsBellAndOnTheTimeline() throws Exception {
		String family = "Browserteam" + UUID.randomUUID().toString().substring(0, 6);
		TeamFixtures.Case c = TeamFixtures.patientOfDana(programs, patients, organizations, accounts, cases, users, family);
		String p = c.patient().value().toString();

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url("/patients/" + p));
		go(driver.findElement(By.linkText("Care team")));
		assertThat(driver.findElement(By.id("team-members")).getText()).contains("Dr. Samuel Okafor").contains("Dana Whitfield");
		// forgetting the kind and the phone: field errors next to the fields, what was typed kept
		driver.findElement(By.id("name")).sendKeys("Grace Liu");
		go(driver.findElement(By.id("add-member")));
		assertThat(driver.findElement(By.id("kind-error")).getText()).isEqualTo("Choose the kind of member.");
		assertThat(driver.findElement(By.id("phone-error")).getText()).contains("phone number");
		assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Grace Liu");
		new Select(driver.findElement(By.id("kind"))).selectByValue("PHARMACIST");
		driver.findElement(By.id("organization")).sendKeys("Riverside Community Pharmacy");
		driver.findElement(By.id("phone")).sendKeys("(614) 555-0140");
		go(driver.findElement(By.id("add-member")));
		assertThat(driver.findElement(By.id("team-members")).getText()).contains("Grace Liu").contains("Pharmacist")
			.contains("Outside the organisation").contains("(614) 555-0140");
		shot("team-members");

		// a thread with an urgent message, by keyboard
		go(driver.findElement(By.linkText("Messages")));
		driver.findElement(By.id("title")).sendKeys("Low blood sugar readings");
		driver.findElement(By.id("text")).sendKeys("Readings under 60 twice today. Please call the daughter before 5 pm.");
		WebElement urgent = driver.findElement(By.id("urgent1"));
		urgent.sendKeys(Keys.SPACE);
		assertThat(urgent.isSelected()).isTrue();
		go(driver.findElement(By.id("start-thread")));
		assertThat(driver.findElement(By.id("thread-subject")).getText()).isEqualTo("Low blood sugar readings");
		assertThat(driver.findElement(By.id("thread-messages")).getText()).contains("Urgent").contains("Readings under 60");
		shot("team-thread");
		quitChecked();

		// Dr. Okafor signs in: the bell marks the urgent message apart; the list has it at the top, in red
		UUID thread = jdbc.sql("select id from message_thread where patient_id = ?").param(c.patient().value()).query(UUID.class).single();
		Eventually.until("the urgent alert", () -> jdbc.sql("""
				select count(*) from notification n join user_account u on u.id = n.recipient_id
				where u.username = 'careteam' and n.category = 'message-urgent' and n.link = ? and n.read_at is null""")
			.param("/team/messages/" + thread).query(Long.class).single() == 1);
		driver = Chrome.start(1366, 1000);
		signIn("careteam");
		assertThat(driver.findElement(By.id("cm-bell-urgent")).getText()).contains("urgent");
		go(driver.findElement(By.id("cm-bell")));
		WebElement first = driver.findElements(By.cssSelector("#notification-list li")).get(0);
		assertThat(first.getText()).contains("Urgent").contains("URGENT secure message from Dana Whitfield, RN").contains(family);
		shot("team-bell-urgent");
		go(first.findElement(By.cssSelector(".cm-notification-open")));
		assertThat(driver.getCurrentUrl()).contains("/patients/" + p + "/messages/" + thread);
		assertThat(driver.findElement(By.id("thread-messages")).getText()).contains("Readings under 60");
		// the reply, and the timeline
		driver.findElement(By.id("text")).sendKeys("Called her; insulin dose lowered tonight.");
		go(driver.findElement(By.id("send-reply")));
		assertThat(driver.findElement(By.id("thread-messages")).getText()).contains("Called her");
		go(driver.findElement(By.linkText("Timeline")));
		assertThat(driver.findElement(By.id("timeline")).getText()).contains("Urgent secure message · Low blood sugar readings");
		shot("team-timeline");
		Eventually.until("the bell no longer counts the read thread", () -> jdbc.sql("""
				select count(*) from notification n join user_account u on u.id = n.recipient_id
				where u.username = 'careteam' and n.link = ? and n.read_at is null""")
			.param("/team/messages/" + thread).query(Long.class).single() == 0);
		driver.get(url("/team/messages"));
		assertThat(driver.findElement(By.id("inbox")).getText()).contains("Low blood sugar readings");
		quitChecked();

		// phone width: the care team and the thread fit
		driver = Chrome.start(390, 844);
		signIn("casemanager");
		driver.get(url("/patients/" + p + "/team"));
		fitsThePhone("the care team");
		shot("team-members-phone");
		driver.get(url("/patients/" + p + "/messages/" + thread));
		fitsThePhone("the thread");
		assertThat(driver.findElement(By.id("thread-messages")).getText()).contains("Read by");
		shot("team-thread-phone");
	}
}
