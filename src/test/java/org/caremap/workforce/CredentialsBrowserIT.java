package org.caremap.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Today;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The supervisor opens the team's credentials from the Reports menu and sees the demo's lapsed licence (Jordan Reyes)
 * with the people named; his page says why no new case can go to him, and the enrolment form refuses him at the case
 * manager's field with that reason. A case manager adds a certification to her own page (a missing field named at
 * the field first). Axe finds nothing on any of the pages.
 */
class CredentialsBrowserIT extends BrowserTest {

	@Autowired Referrals referrals;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserDetailsService users;

	@Test
	void theSupervisorSeesTheTeamsStandingAndALapsedLicenceBlocksAssignment() throws Exception {
		driver = Chrome.start(1366, 1000);
		signIn("supervisor");
		driver.findElement(By.id("nav-reports")).click();
		go(driver.findElement(By.id("nav-team-credentials")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Team credentials");
		String table = driver.findElement(By.id("team-table")).getText();
		assertThat(table).contains("Jordan Reyes, LCSW").contains("Dana Whitfield, RN").contains("Marcus Bell, LSW")
			.doesNotContain("jreyes").doesNotContain("casemanager");
		// sorted by status, worst first: the expired licence leads
		WebElement first = driver.findElement(By.cssSelector("#team-table tbody tr"));
		assertThat(first.getText()).contains("Jordan Reyes, LCSW").contains("Expired").contains("Blocked");
		go(driver.findElement(By.id("sort-name")));
		assertThat(driver.findElement(By.cssSelector("#team-table tbody tr")).getText()).contains("Dana Whitfield, RN")
			.contains("Expiring within 60 days");
		shot("credentials-team");

		go(driver.findElement(By.linkText("Jordan Reyes, LCSW")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Credentials of Jordan Reyes, LCSW");
		assertThat(driver.findElement(By.id("refusal")).getText())
			.contains("Jordan Reyes, LCSW cannot take new cases: their LCSW (OH) licence expired on");
		assertThat(driver.findElement(By.id("credentials-table")).getText()).contains("I.0817734").contains("Expired");
		shot("credentials-person");

		// the enrolment form: Jordan chosen, everything else right; refused at the case manager's field
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(),
				"Credo" + UUID.randomUUID().toString().substring(0, 6));
		var program = programs.active().stream().filter(p -> p.name().equals("Chronic care management")).findFirst().orElseThrow();
		Actors actors = new Actors(users);
		ReferralId referral = actors.as("supervisor", () -> referrals.receive(new NewReferral(patient, program.id(),
				ReferralSource.PROVIDER, "Dr. Anita Shah", null, "Heart failure follow-up", Urgency.ROUTINE)));
		actors.run("supervisor", () -> referrals.claim(referral));
		driver.get(url("/referrals/" + referral.value() + "/enrol"));
		new Select(driver.findElement(By.id("caseManagerId"))).selectByVisibleText("Jordan Reyes, LCSW");
		for (String told : new String[] { "toldServiceAvailable1", "toldCostSharing1", "toldOnePractitioner1", "toldCanStop1" }) {
			Chrome.press(driver, driver.findElement(By.id(told)));
		}
		driver.findElement(By.id("acuityReason")).sendKeys("Lives alone");
		go(driver.findElement(By.id("confirm-enrol")));
		assertThat(driver.findElement(By.id("caseManagerId")).getAttribute("class")).contains("is-invalid");
		assertThat(driver.findElement(By.id("caseManagerId-error")).getText())
			.contains("Jordan Reyes, LCSW cannot take new cases: their LCSW (OH) licence expired on");
		assertThat(new Select(driver.findElement(By.id("caseManagerId"))).getFirstSelectedOption().getText())
			.isEqualTo("Jordan Reyes, LCSW");
		quitChecked();
	}

	@Test
	void aCaseManagerAddsACertificationToHerOwnPage() throws Exception {
		driver = Chrome.start(1366, 1000);
		signIn("casemanager2");
		driver.findElement(By.id("cm-user-menu")).click();
		go(driver.findElement(By.id("cm-credentials")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("My credentials");
		assertThat(driver.findElement(By.id("credentials-table")).getText()).contains("LSW (OH)");
		new Select(driver.findElement(By.id("kind"))).selectByVisibleText("Certification");
		String expires = Today.date().plusYears(3).toString();
		driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("expiresOn")), expires);
		go(driver.findElement(By.id("credential-save")));
		// the type was left out: named at its field, the rest kept
		assertThat(driver.findElement(By.id("type")).getAttribute("class")).contains("is-invalid");
		assertThat(driver.findElement(By.id("type-error")).getText()).isNotBlank();
		assertThat(driver.findElement(By.id("expiresOn")).getAttribute("value")).isEqualTo(expires);
		String number = "CCM-" + UUID.randomUUID().toString().substring(0, 6);
		driver.findElement(By.id("type")).sendKeys("CCM");
		driver.findElement(By.id("number")).sendKeys(number);
		go(driver.findElement(By.id("credential-save")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The credential is recorded.");
		assertThat(driver.findElement(By.id("credentials-table")).getText()).contains(number).contains("Certification");
		// her own page has no renew or void: her supervisor does that
		assertThat(driver.findElements(By.cssSelector("#credentials-table details"))).isEmpty();
		fitsThePhone("the credentials page");
		quitChecked();

		driver = Chrome.start(390, 844);
		signIn("casemanager2");
		driver.get(url("/credentials"));
		fitsThePhone("the credentials page on a phone");
		shot("credentials-phone");
		quitChecked();
	}
}
