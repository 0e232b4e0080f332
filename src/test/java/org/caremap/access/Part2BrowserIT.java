package org.caremap.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.caseload.Part2Fixtures;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Part 2 in the browser: Marcus Bell, who manages the patient's chronic care, opens a chart whose recovery program
 * records are withheld from him (the header says so and offers emergency access); Dana Whitfield, the recovery
 * program's case manager, records the patient's consent naming him (a field left empty is named first); Marcus
 * then sees the notice against redisclosure, on a phone too; Dana revokes the consent with the patient's reason.
 * Every page passes axe.
 */
class Part2BrowserIT extends BrowserTest {

	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void theProgramsCaseManagerRecordsAConsentAndTheOtherSeesTheNotice() throws Exception {
		PatientId patient = new Part2Fixtures(new Actors(users), cases, registry, programs, organizations, accounts)
			.enrolled("Recovery" + UUID.randomUUID().toString().substring(0, 6)).patient();
		driver = Chrome.start(1366, 1000);

		signIn("casemanager2");
		driver.get(url("/patients/" + patient.value()));
		assertThat(driver.findElement(By.id("part2-withheld")).getText()).contains("withheld from you");
		assertThat(driver.findElements(By.id("part2-notice"))).isEmpty();
		shot("part2-withheld");

		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/disclosures"));
		assertThat(driver.findElement(By.id("no-consents")).getText()).isEqualTo("No consent to disclose is on record.");
		new Select(driver.findElement(By.id("recipientUser"))).selectByVisibleText("Marcus Bell, LSW");
		driver.findElement(By.id("signedBy")).sendKeys("The patient");
		go(driver.findElement(By.id("record-consent")));
		assertThat(driver.findElement(By.id("what-error")).getText()).isEqualTo("Say which records the consent covers.");
		driver.findElement(By.id("what")).sendKeys("Recovery program notes and care plan");
		go(driver.findElement(By.id("record-consent")));
		assertThat(driver.findElement(By.id("consent-list")).getText()).contains("Marcus Bell, LSW").contains("Treatment")
			.contains("In force");
		shot("part2-consents");

		signIn("casemanager2");
		driver.get(url("/patients/" + patient.value()));
		assertThat(driver.findElements(By.id("part2-withheld"))).isEmpty();
		assertThat(driver.findElement(By.id("part2-notice")).getText()).contains("42 CFR part 2 prohibits unauthorized use");
		driver.findElement(By.cssSelector("#part2-notice summary")).sendKeys(Keys.ENTER);
		assertThat(driver.findElement(By.cssSelector("#part2-notice .cm-notice-text")).getText())
			.contains("A general authorization for the release of medical or other information is NOT sufficient");
		shot("part2-notice");
		driver.manage().window().setSize(new Dimension(390, 844));
		driver.navigate().refresh();
		fitsThePhone("a chart with the Part 2 notice");
		shot("part2-notice-phone");
		driver.manage().window().setSize(new Dimension(1366, 1000));

		signIn("casemanager");
		driver.get(url("/patients/" + patient.value() + "/disclosures#consents"));
		driver.findElement(By.cssSelector("#consent-list details summary")).sendKeys(Keys.ENTER);
		driver.findElement(By.cssSelector("#consent-list input[name='reason']")).sendKeys("The patient withdrew it by phone");
		go(driver.findElement(By.cssSelector("#consent-list button[id^='revoke-']")));
		assertThat(driver.findElement(By.id("consent-list")).getText()).contains("Revoked").contains("The patient withdrew it by phone");

		signIn("casemanager2");
		driver.get(url("/patients/" + patient.value()));
		assertThat(driver.findElement(By.id("part2-withheld")).isDisplayed()).isTrue();
	}
}
