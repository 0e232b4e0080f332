package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.support.Today;
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
 * Acceptance 4, by keyboard: the HRSN screen is positive for food; from the need the case manager finds a food service
 * in the directory, refers the patient (consent to share, contact preferences); the organisation opens the link from
 * its e-mail (no account), sees what was consented, accepts, then closes the referral as delivered; the social need shows
 * met and the case manager was told. Every page passes axe; the referral page and the organisation's page fit a phone.
 */
class CommunityReferralBrowserIT extends BrowserTest {

	private static final Pattern LINK = Pattern.compile("(/community/answer/[A-Za-z0-9_-]{20,})");

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private void choose(String id) {
		WebElement input = driver.findElement(By.id(id));
		input.sendKeys(Keys.SPACE);
		assertThat(input.isSelected()).as(id).isTrue();
	}

	@Test
	void hrsnFoodToADeliveredServiceMeetsTheNeedAndTellsTheCaseManager() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Alvarado");
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana, Today.date(),
				new Consent(Today.date(), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true), Acuity.MODERATE,
				"community referral walk")));
		String email = "intake-" + suffix + "@example.org";
		UUID service = CommunityFixtures.service(jdbc, "Harvest Table " + suffix, email);

		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value()));
		go(driver.findElement(By.linkText("Assessments")));
		new Select(driver.findElement(By.id("instrument"))).selectByValue("ahc-hrsn");
		go(driver.findElement(By.id("start-assessment")));
		choose("q-living-situation-0");
		choose("q-housing-problems-7");
		choose("q-food-worry-1");
		choose("q-food-didnt-last-2");
		choose("q-transportation-1");
		choose("q-utilities-1");
		for (String s : List.of("hurt", "insult", "threaten", "scream")) choose("q-safety-" + s + "-0");
		go(driver.findElement(By.id("complete")));
		assertThat(driver.findElement(By.id("needs-found")).getText()).isEqualTo("Food insecurity");
		UUID need = jdbc.sql("select id from social_need where patient_id = ? and code = 'food-insecurity'").param(patient.value())
			.query(UUID.class).single();

		// from the open need to the directory's search, filtered by the need; the service is referred from its result
		go(driver.findElement(By.linkText("Assessments")));
		go(driver.findElement(By.id("find-service-" + need)));
		assertThat(driver.getCurrentUrl()).contains("/patients/" + patient.value() + "/community");
		WebElement refer = driver.findElement(By.cssSelector("a.refer-link[href*='service=" + service + "']"));
		shot("community-search-from-need");
		go(refer);
		assertThat(driver.findElement(By.id("service-name")).getText()).isEqualTo("Harvest Table " + suffix + " food boxes");
		assertThat(driver.findElement(By.id("referral-origin")).getText()).contains("Food insecurity");

		// forgetting what is asked and the consent: field errors, what was typed is kept
		driver.findElement(By.id("contactTimes")).sendKeys("Weekday afternoons");
		go(driver.findElement(By.id("send-referral")));
		assertThat(driver.findElement(By.id("request-error")).getText()).contains("Say what you ask");
		assertThat(driver.findElement(By.id("consentConfirmed-error")).getText()).contains("Confirm");
		assertThat(driver.findElement(By.id("contactTimes")).getAttribute("value")).isEqualTo("Weekday afternoons");
		driver.findElement(By.id("request")).sendKeys("Food boxes for a family of three, and help applying for SNAP");
		choose("consentConfirmed1");
		shot("community-referral-form");
		go(driver.findElement(By.id("send-referral")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("sent");
		assertThat(driver.findElement(By.id("referral-status")).getText()).contains("Sent");
		String referralUrl = driver.getCurrentUrl();
		UUID referral = UUID.fromString(referralUrl.substring(referralUrl.lastIndexOf('/') + 1));
		shot("community-referral");

		// the organisation: the link from its e-mail, no account
		String body = Eventually.value("the organisation's e-mail", () -> jdbc.sql(
				"select body from email_outbox where recipient = ? order by created_at desc limit 1").param(email)
			.query(String.class).optional().orElse(null), b -> b != null);
		Matcher m = LINK.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		String link = m.group(1);
		assertThat(body).doesNotContain("Alvarado");
		quitChecked();
		driver = Chrome.start(390, 844);
		driver.get(url(link));
		assertThat(driver.findElement(By.id("answer-request")).getText()).contains("family of three");
		assertThat(driver.findElement(By.id("shared-name")).getText()).contains("Alvarado");
		assertThat(driver.findElements(By.id("shared-birth-date"))).as("birth date not consented").isEmpty();
		assertThat(driver.findElements(By.id("cm-nav"))).as("no Caremap navigation").isEmpty();
		fitsThePhone("the organisation's page");
		shot("community-answer-phone");
		go(driver.findElement(By.id("accept")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("Thank you");
		new Select(driver.findElement(By.id("close-outcome"))).selectByValue("SERVICE_DELIVERED");
		driver.findElement(By.id("close-note")).sendKeys("Picked up two boxes; SNAP application filed");
		go(driver.findElement(By.id("close")));
		assertThat(driver.findElement(By.id("answer-done")).isDisplayed()).isTrue();
		shot("community-answer-closed");

		// the case manager: the need shows met, she was told, the referral's history shows the answers
		Eventually.until("the need is met", () -> "RESOLVED".equals(jdbc.sql("select status from social_need where id = ?")
			.param(need).query(String.class).single()));
		Eventually.until("the case manager was told", () -> jdbc.sql("""
				select count(*) from notification where recipient_id = ? and patient_id = ? and category = 'community-referral'
				  and title like '%Service delivered%'""").params(dana.value(), patient.value()).query(Integer.class).single() == 1);
		quitChecked();
		driver = Chrome.start(1366, 1000);
		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/assessments"));
		assertThat(driver.findElement(By.id("needs")).getText()).contains("Met").contains("Harvest Table " + suffix);
		driver.get(url("/notifications"));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Harvest Table " + suffix).contains("Service delivered");
		driver.get(url("/patients/" + patient.value() + "/community/referrals/" + referral));
		assertThat(driver.findElement(By.id("referral-history")).getText()).contains("Accepted").contains("Service delivered")
			.contains("the organisation");
		shot("community-referral-closed");
		go(driver.findElement(By.id("patient-copy")));
		assertThat(driver.findElement(By.id("copy-address")).getText()).contains("400 Main St");
		shot("community-referral-copy");
		driver.get(url("/patients/" + patient.value() + "/community/referrals"));
		assertThat(driver.findElement(By.id("community-referral-" + referral)).getText()).contains("Harvest Table " + suffix);
		shot("community-referrals-tab");
		driver.get(url("/community/referrals/mine"));
		shot("community-my-referrals");
		signIn("supervisor");
		driver.get(url("/community/referrals/report"));
		assertThat(driver.findElement(By.id("report-byOrganization")).getText()).contains("Harvest Table " + suffix);
		shot("community-report");
	}
}
