package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The case manager, by keyboard: from a care-plan intervention that needs home health she requests an authorization
 * (prefilled from the intervention; a wrong code is a field error that keeps what was typed), sends it, records the
 * payer's partial approval, counts visits, and the care plan shows the units left; a denial is appealed with the
 * letter drafted as a PDF, filed, and overturned. The work list shows the patient's authorizations. Every page passes
 * axe; the authorization page fits a phone.
 */
class AuthorizationsBrowserIT extends BrowserTest {

	@Autowired JdbcClient jdbc;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired CarePlans plans;
	@Autowired Authorizations authorizations;

	@Test
	void fromAnInterventionToAPartialApprovalTheCarePlanShowsTheUnitsLeftAndADenialIsOverturnedOnAppeal() throws Exception {
		Actors actors = new Actors(users);
		UtilizationFixtures.Covered covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases,
				accounts, "Homebound", "Homebound Health Plan");
		UUID intervention = UUID.randomUUID();
		actors.run("casemanager", () -> {
			var kase = cases.ofPatient(covered.patient()).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst().orElseThrow();
			CarePlanView plan = plans.open(kase.id());
			List<CarePlanContent.Intervention> items = new ArrayList<>(plan.content().interventions());
			items.add(new CarePlanContent.Intervention(intervention, null, "Home health nursing visits twice a week",
					CarePlanContent.Owner.PROVIDER, "Riverside Home Health", "Twice a week",
					CarePlanContent.InterventionStatus.PLANNED, null, Map.of(), Map.of()));
			plans.save(plan.id(), plan.version(), new CarePlanContent(plan.content().problems(), plan.content().goals(), items,
					plan.content().barriers()), "Home health");
		});
		String patient = covered.patient().value().toString();

		driver = Chrome.start(1366, 1100);
		signIn("casemanager");
		driver.get(url("/patients/" + patient + "/care-plan"));
		go(driver.findElement(By.id("request-auth-" + intervention)));
		assertThat(driver.findElement(By.id("service")).getAttribute("value")).isEqualTo("Home health nursing visits twice a week");
		assertThat(driver.findElement(By.id("from-intervention")).isDisplayed()).isTrue();

		// a code that is no HCPCS code: a field error next to the lines, and what was typed is kept
		select("lineSystem-0", "HCPCS");
		type("lineCode-0", "12");
		type("lineUnits-0", "12");
		type("diagnoses", "I50.9");
		type("requestingProvider", "Dr. Maria Alvarez");
		go(driver.findElement(By.id("save-authorization")));
		assertThat(driver.findElement(By.id("lineCode-error")).getText()).contains("Line 1").contains("12 is not a HCPCS code");
		assertThat(driver.findElement(By.id("lineCode-0")).getAttribute("aria-describedby")).contains("lineCode-error");
		assertThat(driver.findElement(By.id("requestingProvider")).getAttribute("value")).isEqualTo("Dr. Maria Alvarez");
		assertThat(count(covered)).isZero();

		type("lineCode-0", "G0299");
		select("lineKind-0", "visits");
		go(driver.findElement(By.id("save-authorization")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("saved as a draft");
		UUID id = jdbc.sql("select id from authorization_request where patient_id = ?").param(covered.patient().value())
			.query(UUID.class).single();
		UUID line = jdbc.sql("select id from authorization_line where authorization_id = ?").param(id).query(UUID.class).single();
		go(driver.findElement(By.id("submit-authorization")));
		assertThat(driver.findElement(By.id("decision-due")).getText()).contains("Decision due").contains("in 6 days");
		assertThat(driver.findElement(By.id("clock-rule")).getText()).contains("7 calendar days").contains("72 hours");

		// the payer approves 8 of the 12 visits
		type("payerReference", "HHP-4471");
		type("d-units-" + line, "8");
		go(driver.findElement(By.id("save-decision")));
		assertThat(driver.findElement(By.id("d-reason-error-" + line)).getText() + "")
			.isEqualTo("Give the reason the payer gave for a cut or a denial.");
		assertThat(driver.findElement(By.id("d-units-" + line)).getAttribute("value")).isEqualTo("8");
		type("d-reason-" + line, "Eight visits, then a review of progress");
		go(driver.findElement(By.id("save-decision")));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("decision is recorded");
		assertThat(driver.findElement(By.id("authorization-title")).getText()).isEqualTo("Home health nursing visits twice a week");
		assertThat(driver.findElement(By.cssSelector("[data-status='PARTIALLY_APPROVED']")).getText()).isEqualTo("Partially approved");
		assertThat(driver.findElement(By.id("payer-reference")).getText()).isEqualTo("HHP-4471");

		// three visits so far
		type("use-units", "3");
		type("use-note", "Visits on Monday, Wednesday and Friday");
		go(driver.findElement(By.id("count-units")));
		assertThat(driver.findElement(By.id("left-" + line)).getText()).isEqualTo("3 used, 5 left (37%)");
		Chrome.shot(driver, "authorization");

		// the care plan knows
		driver.get(url("/patients/" + patient + "/care-plan"));
		assertThat(driver.findElement(By.id("auth-of-" + intervention)).getText()).contains("Homebound Health Plan").contains("G0299")
			.contains("Partially approved");
		assertThat(driver.findElement(By.id("units-left-" + intervention)).getText()).startsWith("5 of 8 visits left");
		Chrome.shot(driver, "care-plan-authorization");

		// a denial, appealed: the letter as a PDF, filed, and overturned
		UUID denied = actors.as("casemanager", () -> {
			UUID x = authorizations.draft(new NewAuthorization(covered.patient(), covered.coverage(), "Hospital bed, semi-electric",
					List.of("R26.2"), "Dr. Helen Park", "Columbus Medical Supply", Today.date(), Today.date().plusDays(300),
					Urgency.STANDARD, "Cannot get out of an ordinary bed safely.",
					List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "E0260", "Hospital bed", 1, UnitKind.UNIT)), null));
			authorizations.submit(x, Instant.now().minus(Duration.ofDays(2)));
			AuthorizationView a = authorizations.find(x).orElseThrow();
			authorizations.decide(x, UtilizationFixtures.decision(a, Instant.now().minus(Duration.ofDays(1)), Today.date(), Today.date(), 0));
			return x;
		});
		driver.get(url("/patients/" + patient + "/authorizations"));
		go(driver.findElement(By.linkText("Hospital bed, semi-electric")));
		go(driver.findElement(By.id("open-appeal")));
		UUID appeal = jdbc.sql("select id from authorization_appeal where authorization_id = ?").param(denied).query(UUID.class).single();
		assertThat(driver.findElement(By.id("letter-" + appeal)).getAttribute("value")).contains("Hospital bed").contains("E0260")
			.contains("denied");
		Object pdf = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.headers.get('content-type') + '|'
				    + String.fromCharCode(...new Uint8Array(b.slice(0, 5))))));""",
				driver.findElement(By.id("letter-pdf-" + appeal)).getAttribute("href"));
		assertThat((String) pdf).isEqualTo("application/pdf|%PDF-");
		go(driver.findElement(By.id("file-" + appeal)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("filed");
		driver.findElement(By.id("outcome-OVERTURN-" + appeal)).sendKeys(Keys.SPACE);
		type("outcome-note-" + appeal, "The payer's physician agreed after the peer-to-peer call");
		go(driver.findElement(By.id("record-outcome-" + appeal)));
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("overturned");
		assertThat(driver.findElement(By.cssSelector("#appeal-" + appeal)).getText()).contains("Overturned");
		assertThat(jdbc.sql("select status from authorization_request where id = ?").param(denied).query(String.class).single())
			.isEqualTo("APPROVED");
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Changed on appeal");
		Chrome.shot(driver, "authorization-appeal");

		// the work list
		go(driver.findElement(By.linkText("Authorizations")));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Authorizations");
		Chrome.shot(driver, "authorizations-worklist");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();

		Path docs = Path.of("docs", "screenshots");
		Files.createDirectories(docs);
		for (String shot : List.of("authorization", "care-plan-authorization", "authorization-appeal", "authorizations-worklist")) {
			Files.copy(Chrome.SHOTS.resolve(shot + ".png"), docs.resolve(shot + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void theAuthorizationPageFitsAPhone() {
		Actors actors = new Actors(users);
		UtilizationFixtures.Covered covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases,
				accounts, "Narrowscreen", "Narrow Health Plan");
		UUID id = actors.as("casemanager", () -> {
			UUID x = authorizations.draft(UtilizationFixtures.request(covered, Urgency.EXPEDITED, true));
			authorizations.submit(x, Instant.now().minus(Duration.ofHours(80)));
			return x;
		});
		driver = Chrome.start(390, 844);
		signIn("casemanager");
		driver.get(url("/patients/" + covered.patient().value() + "/authorizations/" + id));
		assertThat(driver.findElement(By.id("decision-due")).getText()).contains("late");
		@SuppressWarnings("unchecked")
		Map<String, Object> sizes = (Map<String, Object>) driver.executeScript(
				"return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		assertThat(((Number) sizes.get("scroll")).longValue()).as(sizes.toString()).isLessThanOrEqualTo(((Number) sizes.get("inner")).longValue());
		driver.get(url("/utilization/authorizations"));
		assertThat(driver.findElement(By.id("decision-list")).getText()).contains("Narrowscreen, Iris");
	}

	private void type(String field, String text) {
		WebElement input = driver.findElement(By.id(field));
		input.clear();
		input.sendKeys(text);
	}

	private void select(String field, String visibleText) {
		new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(field))).selectByVisibleText(visibleText);
	}

	private long count(UtilizationFixtures.Covered c) {
		return jdbc.sql("select count(*) from authorization_request where patient_id = ?").param(c.patient().value())
			.query(Long.class).single();
	}
}
