package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Intake's forms in a real browser: the preferred language is chosen by its name and kept as its code; enrolling
 * with elements of consent not ticked names each missing one at its own box, keeps what was entered, and enrols once
 * all are ticked.
 */
class EnrolmentFormBrowserIT extends BrowserTest {

	@Autowired Referrals referrals;
	@Autowired Programs programs;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	@Test
	void theLanguageIsChosenByNameAndEachMissingElementOfConsentIsNamed() throws Exception {
		String family = "Lingua" + UUID.randomUUID().toString().substring(0, 6);
		driver = Chrome.start(1366, 900);
		signIn("intake");

		// registration: the language is a list of names, stored as the ISO code
		driver.get(url("/patients/new"));
		Select language = new Select(driver.findElement(By.id("preferredLanguage")));
		assertThat(language.getFirstSelectedOption().getText()).isEqualTo("English");
		assertThat(language.getOptions().stream().map(WebElement::getText).toList())
			.contains("Spanish", "Vietnamese", "Somali", "Haitian Creole", "Hmong");
		driver.findElement(By.id("familyName")).sendKeys(family);
		driver.findElement(By.id("givenName")).sendKeys("Mai");
		driver.executeScript("arguments[0].value = '1948-03-02'", driver.findElement(By.id("birthDate")));
		new Select(driver.findElement(By.id("sex"))).selectByValue("FEMALE");
		language.selectByVisibleText("Vietnamese");
		go(driver.findElement(By.id("register")));
		assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/referrals/new");
		var stored = jdbc.sql("select id, preferred_language from patient where family_name = ?").param(family)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
		assertThat(stored.get(1)).isEqualTo("vi");
		PatientId patient = new PatientId(UUID.fromString(stored.get(0)));

		// a referral being screened
		var program = programs.active().stream().filter(p -> p.name().equals("Chronic care management")).findFirst().orElseThrow();
		Actors actors = new Actors(users);
		ReferralId referral = actors.as("intake", () -> referrals.receive(new NewReferral(patient, program.id(),
				ReferralSource.PROVIDER, "Dr. Anita Shah", null, "Newly diagnosed heart failure", Urgency.ROUTINE)));
		actors.run("intake", () -> referrals.claim(referral));

		// enrolment with two elements of consent not ticked: each is named at its box, nothing entered is lost
		driver.get(url("/referrals/" + referral.value() + "/enrol"));
		Select managers = new Select(driver.findElement(By.id("caseManagerId")));
		managers.selectByIndex(1);
		String manager = managers.getFirstSelectedOption().getAttribute("value");
		Chrome.press(driver, driver.findElement(By.id("toldServiceAvailable1")));
		Chrome.press(driver, driver.findElement(By.id("toldCanStop1")));
		driver.findElement(By.id("acuityReason")).sendKeys("Lives alone, new diagnosis");
		go(driver.findElement(By.id("confirm-enrol")));

		assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/referrals/" + referral.value() + "/enrol");
		assertThat(driver.findElement(By.cssSelector(".alert-danger")).getText()).contains("Please correct the fields marked below");
		assertMissing("toldCostSharing", "that cost-sharing (co-payment) may apply");
		assertMissing("toldOnePractitioner", "that only one practitioner can bill the service in a month");
		for (String told : List.of("toldServiceAvailable", "toldCanStop")) {
			WebElement box = driver.findElement(By.id(told + "1"));
			assertThat(box.isSelected()).as(told + " still ticked").isTrue();
			assertThat(box.getAttribute("class")).doesNotContain("is-invalid");
			assertThat(driver.findElements(By.id(told + "-error"))).isEmpty();
		}
		assertThat(driver.findElement(By.id("acuityReason")).getAttribute("value")).isEqualTo("Lives alone, new diagnosis");
		assertThat(new Select(driver.findElement(By.id("caseManagerId"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(manager);
		driver.executeScript("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})",
				driver.findElement(By.id("consentBy")));
		shot("enrol-consent-missing");

		// ticked: enrolled
		Chrome.press(driver, driver.findElement(By.id("toldCostSharing1")));
		Chrome.press(driver, driver.findElement(By.id("toldOnePractitioner1")));
		go(driver.findElement(By.id("confirm-enrol")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("The patient was enrolled");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}

	/** The box is marked invalid and described by an error that names the element of consent. */
	private void assertMissing(String field, String element) {
		WebElement box = driver.findElement(By.id(field + "1"));
		assertThat(box.isSelected()).isFalse();
		assertThat(box.getAttribute("class")).contains("is-invalid");
		assertThat(box.getAttribute("aria-describedby")).isEqualTo(field + "-error");
		WebElement error = driver.findElement(By.id(field + "-error"));
		assertThat(error.isDisplayed()).isTrue();
		assertThat(error.getText()).contains(element);
	}
}
