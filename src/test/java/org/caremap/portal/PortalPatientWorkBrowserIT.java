package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.caremap.assessment.Assessments;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Browserless;
import org.caremap.support.Chrome;
import org.caremap.support.Eventually;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.support.Today;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * What the patient does in the portal, in a real browser the size of a phone (375 x 740), in Spanish, by keyboard:
 * proposes a goal, answers a PHQ-9 with question 9 = "several days" (the case manager's STAT task appears), writes to
 * the care team and reads the case manager's answer; axe finds no WCAG 2.1 AA violation on any page shown.
 */
@ExtendWith(Chrome.Required.class)
class PortalPatientWorkBrowserIT extends BrowserTest {

	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired JdbcClient jdbc;
	@Autowired Assessments assessments;
	@Autowired CarePlans plans;

	private long count(String sql, Object... params) {
		var q = jdbc.sql(sql);
		for (Object p : params) q = q.param(p);
		return q.query(Long.class).single();
	}

	@Test
	void onAPhoneInSpanishThePatientProposesAGoalAnswersAPhq9AndWritesToTheCaseManager() throws Exception {
		String family = "Movil" + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Carmen", "es");
		CaseId caseId = PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		Actors actors = new Actors(details);
		actors.run("casemanager", () -> {
			plans.open(caseId);
			assessments.assignAtHome(patient, caseId, "phq-9", Today.date().plusDays(7));
		});
		PortalLogin login = PortalLogins.patient(accounts, patient, "Carmen " + family);
		UUID dana = PortalWorkFixtures.dana(users).value();

		driver = Chrome.start(375, 740);
		PortalLogins.signIn(driver, url(""), login);

		// a goal in her own words
		driver.get(url("/portal/goals/propose"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Mis metas");
		driver.findElement(By.id("text")).sendKeys("Quiero volver a caminar a la iglesia");
		driver.findElement(By.id("why")).sendKeys("Extraño a mis amigas");
		go(driver.findElement(By.id("send-goal")));
		assertThat(driver.getPageSource()).contains("Su meta se envió a su equipo de cuidado.").contains("Quiero volver a caminar a la iglesia")
			.contains("Esperando a su equipo de cuidado");
		fitsThePhone("goals");
		shot("portal-goals");

		// the PHQ-9, in Spanish, answered with the keyboard: "ningún día" but question 9 "varios días"
		driver.get(url("/portal/questionnaires"));
		go(driver.findElement(By.id("answer-phq-9")));
		assertThat(driver.getPageSource()).contains("Cuestionario sobre la salud del paciente (PHQ-9)").contains("Varios días");
		for (int i = 1; i <= 9; i++) driver.findElement(By.id("q-phq9-" + i + "-" + (i == 9 ? 1 : 0))).sendKeys(Keys.SPACE);
		driver.findElement(By.id("q-phq9-difficulty-0")).sendKeys(Keys.SPACE);
		fitsThePhone("questionnaire");
		shot("portal-questionnaire");
		go(driver.findElement(By.id("complete")));
		assertThat(driver.findElement(By.id("crisis-now")).getText()).contains("988").contains("911");
		Eventually.until(Duration.ofMinutes(1), "the case manager's STAT safety task", () -> count("""
				select count(*) from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP' and priority = 'STAT' and owner_user_id = ?""",
				patient.value(), dana) == 1);

		// a message to the care team, answered by the case manager
		driver.get(url("/portal/messages"));
		driver.findElement(By.id("subject")).sendKeys("Mi medicina");
		driver.findElement(By.id("text")).sendKeys("¿Puedo tomar la pastilla nueva con comida?");
		go(driver.findElement(By.id("send-message")));
		String thread = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		String p = patient.value().toString();
		staff.get("/patients/" + p + "/messages/" + thread);
		staff.post("/patients/" + p + "/messages/" + thread, Map.of("text", "Sí, con el desayuno. La llamo mañana."));
		driver.navigate().refresh();
		assertThat(driver.findElement(By.id("m-last")).getText()).contains("Sí, con el desayuno. La llamo mañana.")
			.contains("Dana Whitfield");
		fitsThePhone("messages");
		shot("portal-messages");
	}
}
