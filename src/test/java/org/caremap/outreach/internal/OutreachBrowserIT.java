package org.caremap.outreach.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.ConditionRecorded;
import org.caremap.patient.PatientRegistered;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralReceived;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A supervisor's outreach (issue 23, capability 3), with the keyboard: from the outreach list to the registries (the
 * demo's rules with their sizes and trend chart), a new rule for a rare condition group (Q98, only this test's
 * patients have it), its members (the one with a referral waiting shown as such, not selectable), all others chosen
 * at once and referred to a program with one reason; every page passes axe, and the list fits a phone.
 */
class OutreachBrowserIT extends BrowserTest {

	@Autowired OutreachFacts facts;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired JdbcClient jdbc;

	@Test
	void aSupervisorSavesARuleAndRefersItsMembersInOneGo() throws Exception {
		var org = organizations.primary().orElseThrow().id();
		String unique = UUID.randomUUID().toString().substring(0, 6);
		PatientId first = Actors.newPatient(registry, org, "Quinlan" + unique);
		PatientId second = Actors.newPatient(registry, org, "Ravensworth" + unique);
		PatientId waiting = Actors.newPatient(registry, org, "Sandoval" + unique);
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		for (PatientId p : List.of(first, second, waiting)) {
			facts.on(new PatientRegistered(p));
			facts.on(new ConditionRecorded(UUID.randomUUID(), p, "http://hl7.org/fhir/sid/icd-10-cm", "Q98.4", true));
		}
		facts.on(new ReferralReceived(new ReferralId(UUID.randomUUID()), waiting, new ProgramId(UUID.randomUUID()), java.time.Instant.now()));
		// the read model's listener runs asynchronously, as it does for published events
		UUID[] ids = { first.value(), second.value(), waiting.value() };
		Eventually.until("the read model holds the three patients", () -> jdbc.sql(
				"select count(*) from outreach_condition where patient_id = any(?) and code = 'Q98.4'").param(ids).query(Long.class).single() == 3
				&& jdbc.sql("select count(*) from outreach_referral where patient_id = any(?) and open").param(ids).query(Long.class).single() == 1);
		SystemActor.run("test", List.of("SYSTEM"), () -> {
			for (PatientId p : List.of(first, second, waiting)) relationships.open(supervisor, p, RelationshipKind.CARE_TEAM, "test:outreach");
		});

		driver = Chrome.start(1366, 1000);
		signIn("supervisor");
		driver.get(url("/transitions/outreach"));
		go(driver.findElement(By.id("tab-registries")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Registries");
		assertThat(driver.findElement(By.id("registries")).getText()).contains("Heart failure, not enrolled")
			.contains("PHQ-9 of 10 or more without contact in 30 days");
		Eventually.value(Duration.ofSeconds(20), "the trend chart drawn",
				() -> driver.findElements(By.cssSelector("#registry-chart canvas")).size(), n -> n == 1);
		assertThat(driver.findElements(By.cssSelector("#registry-trend tbody tr")).size()).isGreaterThanOrEqualTo(2);
		shot("outreach-registries");

		go(driver.findElement(By.id("new-rule")));
		String name = "Rare condition Q98 " + unique;
		driver.findElement(By.id("name")).sendKeys(name);
		driver.findElement(By.id("description")).sendKeys("Patients with Q98 whom no program has yet.");
		driver.findElement(By.id("conditionGroups")).sendKeys("Q98");
		driver.findElement(By.id("notEnrolled1")).sendKeys(Keys.SPACE);
		shot("outreach-new-rule");
		go(driver.findElement(By.id("rule-save")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).contains("The rule is saved");
		go(driver.findElement(By.linkText(name)));

		assertThat(driver.findElement(By.id("member-count")).getText()).startsWith("3 patients in this registry");
		assertThat(driver.findElements(By.cssSelector("#members tbody tr"))).hasSize(3);
		assertThat(driver.findElement(By.cssSelector("tr[data-patient='" + waiting + "'] .member-status")).getText()).isEqualTo("Referral waiting");
		assertThat(driver.findElements(By.cssSelector("tr[data-patient='" + waiting + "'] input[type=checkbox]"))).isEmpty();
		driver.findElement(By.id("select-all")).sendKeys(Keys.SPACE);
		assertThat(driver.findElements(By.cssSelector("input.cm-member:checked"))).hasSize(2);
		driver.findElement(By.id("reason")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "Q98 outreach " + unique);
		shot("outreach-members");
		go(driver.findElement(By.id("refer")));
		assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("2 patients referred; 0 skipped (already enrolled, already referred, no longer in the registry, or not yours to see).");
		assertThat(jdbc.sql("select count(*) from referral where reason = ? and source_type = 'OUTREACH' and patient_id in (?, ?)")
			.params("Q98 outreach " + unique, first.value(), second.value()).query(Long.class).single()).isEqualTo(2);
		Eventually.value(Duration.ofSeconds(30), "the referrals heard by the registries", () -> {
			driver.navigate().refresh();
			return driver.findElements(By.cssSelector("#members .member-status .badge")).size();
		}, n -> n == 3);

		driver.manage().window().setSize(new Dimension(390, 844));
		driver.navigate().refresh();
		fitsThePhone("a registry's members on a phone");
		shot("outreach-members-phone");
		go(driver.findElement(By.id("back")));
		driver.navigate().refresh();
		fitsThePhone("the registries on a phone");
		shot("outreach-registries-phone");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
