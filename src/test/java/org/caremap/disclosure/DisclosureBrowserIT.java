package org.caremap.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Disclosures tab's main path: a supervisor opens the patient's chart, goes to Disclosures, records a
 * disclosure to the health department (a field left empty is named first), records the patient's request for an
 * accounting and sees the links to its answer; then the same page on a phone. Every page passes axe.
 */
class DisclosureBrowserIT extends BrowserTest {

	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;

	@Test
	void aSupervisorRecordsADisclosureAndThePatientsRequest() throws Exception {
		PatientId patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(),
				"Disclosure" + UUID.randomUUID().toString().substring(0, 6));
		SystemActor.run("test", List.of("SYSTEM"), () -> relationships.open(accounts.findByUsername("supervisor").orElseThrow().id(),
				patient, RelationshipKind.CASE_MANAGER, "test:disclosure"));
		driver = Chrome.start(1366, 1000);
		signIn("supervisor");
		driver.get(url("/patients/" + patient.value()));
		go(driver.findElement(By.cssSelector("a[href$='/disclosures']")));
		assertThat(driver.findElement(By.id("no-disclosures")).getText()).isEqualTo("No disclosure recorded.");

		driver.findElement(By.id("description")).sendKeys("Immunisation record");
		driver.findElement(By.id("purpose")).sendKeys("Outbreak report");
		new Select(driver.findElement(By.id("basis"))).selectByValue("PUBLIC_HEALTH");
		go(driver.findElement(By.id("record-disclosure")));
		assertThat(driver.findElement(By.id("recipient-error")).getText()).isEqualTo("Name who received the information.");
		assertThat(driver.findElement(By.id("recipient")).getAttribute("class")).contains("is-invalid");
		driver.findElement(By.id("recipient")).sendKeys("State Health Department");
		go(driver.findElement(By.id("record-disclosure")));
		assertThat(driver.findElement(By.id("disclosure-list")).getText()).contains("State Health Department")
			.contains("Public health").contains("accounted");

		driver.findElement(By.id("requestedBy")).sendKeys("The patient, by phone");
		go(driver.findElement(By.id("record-request")));
		assertThat(driver.findElement(By.id("request-list")).getText()).contains("Accounting of disclosures")
			.contains("The patient, by phone");
		assertThat(driver.findElements(By.cssSelector("#request-list a[id^='answer-en-']"))).hasSize(1);
		shot("disclosures");

		driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		driver.navigate().refresh();
		fitsThePhone("the Disclosures tab");
		shot("disclosures-phone");
	}
}
