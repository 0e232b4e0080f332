package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Chrome;
import org.caremap.support.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Assessment to care plan in a real browser, by keyboard: a PHQ-9 with item 9 positive raises the urgent flag and
 * an urgent task at once; an HRSN screen with a positive food answer records the need and suggests the food
 * insecurity template; the case manager applies it, edits a goal, records the patient's agreement and prints the
 * patient's copy, in Spanish, the patient's language (the PDF's text is read back).
 */
class AssessmentToCarePlanBrowserIT extends BrowserTest {

	static final Path SHOTS = Path.of("target", "screenshots");

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	/** Chooses a radio button or ticks a check box with the space bar, as a keyboard user does. */
	private void choose(String id) {
		WebElement input = driver.findElement(By.id(id));
		input.sendKeys(Keys.SPACE);
		assertThat(input.isSelected()).as(id).isTrue();
	}

	@Test
	void phq9RaisesTheUrgentFlagAndHrsnFoodLeadsToAnAgreedPlanAndAPrintedCopy() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.name().equals("Chronic care management")).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Quintana");
		jdbc.sql("update patient set preferred_language = 'es' where id = ?").param(patient.value()).update();
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				LocalDate.now(zone).minusDays(5), new Consent(LocalDate.now(zone).minusDays(5), ConsentMethod.VERBAL,
						"Dana Whitfield, RN", true, true, true, true), Acuity.MODERATE, "new to the program")));

		driver = Chrome.start(1366, 1000);
		driver.get(url("/login"));
		driver.findElement(By.id("username")).sendKeys("casemanager");
		WebElement password = driver.findElement(By.id("password"));
		password.sendKeys(demo.password("casemanager").orElseThrow());
		go(password);
		driver.get(url("/patients/" + patient));
		go(driver.findElement(By.linkText("Assessments")));

		// PHQ-9, started at once; item 5 forgotten at first: the answers given are kept and the gap is named
		new Select(driver.findElement(By.id("instrument"))).selectByValue("phq-9");
		go(driver.findElement(By.id("start-assessment")));
		for (int i = 1; i <= 8; i++) {
			if (i != 5) choose("q-phq9-" + i + "-0");
		}
		choose("q-phq9-9-1"); // thoughts of self-harm: several days
		shot("assessment-form");
		go(driver.findElement(By.id("complete")));
		assertThat(driver.findElement(By.id("question-phq9-5")).getText()).contains("Answer this question");
		assertThat(driver.findElement(By.id("q-phq9-9-1")).isSelected()).isTrue();
		assertThat(jdbc.sql("select status from assessment where patient_id = ?").param(patient.value()).query(String.class)
			.single()).isEqualTo("ASSIGNED");
		choose("q-phq9-5-0");
		go(driver.findElement(By.id("complete")));

		// total 1 (minimal), yet urgent: flag on the result, in the chart header, and a STAT task for Dana now
		assertThat(driver.findElement(By.cssSelector(".alert-success")).getText()).contains("urgent task");
		assertThat(driver.findElement(By.cssSelector("[data-score=total]")).getText()).contains("1").contains("Minimal");
		assertThat(driver.findElement(By.cssSelector("[data-result-flag]")).getText())
			.contains("Urgent").contains("Thoughts of self-harm");
		assertThat(driver.findElement(By.cssSelector("#chart-header [data-flag]")).getText()).contains("self-harm");
		shot("assessment-result");
		var task = jdbc.sql("""
				select priority, owner_user_id, due_at, status from task
				where patient_id = ? and type = 'SAFETY_FOLLOW_UP'""")
			.param(patient.value())
			.query((rs, n) -> List.of(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.single();
		assertThat(task.get(0)).isEqualTo("STAT");
		assertThat(task.get(1)).isEqualTo(dana.value());
		assertThat((Instant) task.get(2)).isBefore(Instant.now().plusSeconds(60));
		assertThat(task.get(3)).isEqualTo("READY");
		go(driver.findElement(By.linkText("Tasks")));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("Safety follow-up: PHQ-9 item 9 positive");

		// HRSN: only the food answers are positive
		go(driver.findElement(By.linkText("Assessments")));
		new Select(driver.findElement(By.id("instrument"))).selectByValue("ahc-hrsn");
		go(driver.findElement(By.id("start-assessment")));
		choose("q-living-situation-0");
		choose("q-housing-problems-7");
		choose("q-food-worry-1"); // sometimes true
		choose("q-food-didnt-last-2");
		choose("q-transportation-1");
		choose("q-utilities-1");
		for (String s : List.of("hurt", "insult", "threaten", "scream")) choose("q-safety-" + s + "-0");
		go(driver.findElement(By.id("complete")));
		assertThat(driver.findElement(By.id("needs-found")).getText()).isEqualTo("Food insecurity");
		go(driver.findElement(By.id("to-care-plan")));
		go(driver.findElement(By.id("start-plan")));

		// the plan suggests the food insecurity template; applying it adds editable items
		assertThat(driver.findElement(By.id("suggestions")).getText()).contains("Food insecurity")
			.contains("Accountable Health Communities");
		go(driver.findElement(By.id("apply-food-insecurity")));
		assertThat(driver.findElement(By.id("plan-version")).getText()).isEqualTo("Version 2");
		List<WebElement> goals = driver.findElements(By.cssSelector("article.cm-goal"));
		assertThat(goals).hasSizeGreaterThanOrEqualTo(2);

		// edit the first goal's target with the patient
		String goal = goals.get(0).getAttribute("data-goal");
		driver.findElement(By.id("edit-goal-" + goal)).sendKeys(Keys.ENTER);
		WebElement target = driver.findElement(By.id("gm-" + goal));
		target.clear();
		target.sendKeys("Food pantry every Saturday; no skipped meals for 2 weeks");
		WebElement reason = driver.findElement(By.id("gr-" + goal));
		reason.clear();
		reason.sendKeys("Target agreed with the patient");
		go(reason);
		assertThat(driver.findElement(By.id("plan-version")).getText()).isEqualTo("Version 3");
		assertThat(driver.findElement(By.cssSelector("article[data-goal='" + goal + "'] .cm-goal-target")).getText())
			.isEqualTo("Food pantry every Saturday; no skipped meals for 2 weeks");

		// the patient agrees, in person
		new Select(driver.findElement(By.id("relation"))).selectByValue("PATIENT");
		new Select(driver.findElement(By.id("method"))).selectByValue("IN_PERSON");
		go(driver.findElement(By.id("record-agreement")));
		assertThat(driver.findElement(By.id("agreement-status")).getText()).contains("Agreed by Test Quintana");
		shot("care-plan");

		// the patient's copy, in Spanish
		WebElement copy = driver.findElement(By.id("patient-copy"));
		assertThat(copy.getText()).contains("Spanish");
		String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
		HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(copy.getAttribute("href")))
			.header("Cookie", cookies).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
		Files.createDirectories(SHOTS);
		Files.write(SHOTS.resolve("care-plan-patient-copy.pdf"), pdf.body());
		String text;
		try (PDDocument doc = Loader.loadPDF(pdf.body())) {
			text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
		assertThat(text).contains("Mi plan de cuidado").contains("Test Quintana")
			.contains("Mis metas")
			// the template's goals print in Spanish; the edited target prints as written
			.contains("Voy a solicitar los beneficios de comida que me puedan corresponder.")
			.contains("Food pantry every Saturday; no skipped meals for 2 weeks")
			.contains("Aceptado por: Test Quintana (paciente)")
			.contains("Versión del plan 3");

		// and what changed from version 2 to 3 is the goal's target
		go(driver.findElement(By.id("plan-history")));
		assertThat(driver.findElement(By.id("diff")).getText()).contains("Changed").contains("Target")
			.contains("Food pantry every Saturday; no skipped meals for 2 weeks");
		shot("care-plan-history");

		// a demo patient with six months of PHQ-9 scores: the trend is drawn, with the figures beside it
		UUID followed = jdbc.sql("""
				select a.patient_id from assessment a join care_case c on c.patient_id = a.patient_id
				where a.instrument_key = 'phq-9' and a.status = 'COMPLETED' and c.case_manager_id = ?
				group by a.patient_id having count(*) >= 3 order by a.patient_id limit 1""")
			.param(dana.value()).query(UUID.class).single();
		driver.get(url("/patients/" + followed + "/assessments"));
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Chrome.PATIENCE)
			.until(d -> !d.findElements(By.cssSelector(".cm-score-chart .uplot canvas")).isEmpty());
		assertThat(driver.findElements(By.cssSelector(".cm-score-table tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
		shot("assessments");
		assertThat(Chrome.consoleErrors(driver)).isEmpty();
	}
}
