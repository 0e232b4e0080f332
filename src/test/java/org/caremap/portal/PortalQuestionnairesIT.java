package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.assessment.Answers;
import org.caremap.assessment.Assessments;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.support.Today;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Questionnaires at home over real HTTP: the case manager assigns a PHQ-9 for the patient to answer in the portal; a
 * Spanish-speaking patient reads it in Spanish, answers question 9 above "not at all", and the answers are scored as the
 * staff pages score them, with the case manager's STAT safety task within a minute; nobody else answers it.
 */
class PortalQuestionnairesIT extends IntegrationTest {

	private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

	@Autowired PortalAccounts accounts;
	@Autowired ApplicationContext context;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired Assessments assessments;

	private long count(String sql, Object... params) {
		var q = jdbc.sql(sql);
		for (Object p : params) q = q.param(p);
		return q.query(Long.class).single();
	}

	private Browserless signedIn(PortalLogin login) {
		Browserless b = client();
		assertThat(Browserless.location(PortalLogins.signIn(b, login))).endsWith("/portal");
		return b;
	}

	@Test
	void aSpanishSpeakingPatientAnswersAPhq9AtHomeAndItem9MakesTheStatTask() {
		String family = "Cuestion" + UUID.randomUUID().toString().substring(0, 6);
		PortalWorkFixtures.PortalPatient rosa = PortalWorkFixtures.patientOnDanasCaseload(context, family, "Rosa", "es");
		PatientId patient = rosa.patient();
		CaseId caseId = rosa.caseId();
		PortalLogin login = rosa.login();
		UUID dana = PortalWorkFixtures.dana(users).value();

		// the case manager assigns it for the patient to answer in the portal
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		String p = patient.value().toString();
		assertThat(staff.get("/patients/" + p + "/assessments").body()).contains("id=\"assign-at-home\"");
		HttpResponse<String> assigned = staff.post("/patients/" + p + "/assessments", Map.of("instrument", "phq-9", "dueOn",
				Today.date().plusDays(7).toString(), "caseId", caseId.value().toString(), "action", "atHome"));
		assertThat(Browserless.location(assigned)).endsWith("/patients/" + p + "/assessments");
		UUID assessment = jdbc.sql("select id from assessment where patient_id = ? and instrument_key = 'phq-9' and at_home")
			.param(patient.value()).query(UUID.class).single();
		assertThat(staff.get("/patients/" + p + "/assessments").body()).contains("Patient answers in the portal");

		// in Spanish, the same questions and answers (codes) as the staff form
		Browserless portal = signedIn(login);
		HttpResponse<String> list = portal.get("/portal/questionnaires");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("Cuestionario sobre la salud del paciente (PHQ-9)");
		HttpResponse<String> form = portal.get("/portal/questionnaires/" + assessment);
		assertThat(form.body()).contains("Pensamientos de que estaría mejor muerto(a)").contains("Varios días")
			.contains("value=\"LA6569-3\"").contains("name=\"q.phq9-9\"");
		Matcher version = VERSION.matcher(form.body());
		assertThat(version.find()).isTrue();

		// sending with questions left out: each is named, nothing is scored
		HttpResponse<String> missing = portal.post("/portal/questionnaires/" + assessment,
				Map.of("action", "complete", "version", version.group(1), "q.phq9-1", "LA6568-5"));
		assertThat(missing.statusCode()).isEqualTo(200);
		assertThat(missing.body()).contains("id=\"answer-problems\"");
		assertThat(count("select count(*) from assessment where id = ? and status = 'COMPLETED'", assessment)).isZero();

		Map<String, String> answers = new LinkedHashMap<>();
		answers.put("action", "complete");
		answers.put("version", version.group(1));
		for (int i = 1; i <= 8; i++) answers.put("q.phq9-" + i, "LA6569-3"); // several days: 8 points
		answers.put("q.phq9-9", "LA6569-3"); // question 9, several days: 1 point and the safety rule
		answers.put("q.phq9-difficulty", "LA6573-5");
		HttpResponse<String> sent = portal.post("/portal/questionnaires/" + assessment, answers);
		assertThat(Browserless.location(sent)).endsWith("/portal/questionnaires");
		HttpResponse<String> after = portal.get("/portal/questionnaires");
		assertThat(after.body()).contains("id=\"crisis-now\"").contains("tel:988").contains("id=\"no-questionnaires\"");

		// scored as the staff pages score it: 9, the patient the respondent
		assertThat(jdbc.sql("select total from assessment where id = ? and status = 'COMPLETED' and respondent = 'PATIENT'")
			.param(assessment).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("9");
		Eventually.until(Duration.ofMinutes(1), "the case manager's STAT safety task", () -> count("""
				select count(*) from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP' and priority = 'STAT' and owner_user_id = ?""",
				patient.value(), dana) == 1);
		// answered once: a second send is refused (not found: no longer open)
		assertThat(portal.post("/portal/questionnaires/" + assessment, answers).statusCode()).isEqualTo(404);
	}

	@Test
	void onlyThePatientAnswersAndOnlyWhatWasAssignedToAnswerAtHome() {
		String family = "Quienresp" + UUID.randomUUID().toString().substring(0, 6);
		PortalWorkFixtures.PortalPatient ana = PortalWorkFixtures.patientOnDanasCaseload(context, family, "Ana", "en");
		PatientId patient = ana.patient();
		CaseId caseId = ana.caseId();
		PortalLogin login = ana.login();
		UUID contact = PortalFixtures.contact(patients, patient, "Pat Everything", SupportContact.Disclosure.EVERYTHING);
		PortalLogin proxy = PortalLogins.proxy(accounts, patient, contact, "Pat Everything");
		PortalLogin other = PortalWorkFixtures.patientOnDanasCaseload(context, family + "x", "Bo", "en").login();

		Actors actors = new Actors(details);
		UUID atHome = actors.as("casemanager", () -> assessments.assignAtHome(patient, caseId, "gad-7", Today.date().plusDays(3)));
		UUID inClinic = actors.as("casemanager", () -> assessments.assign(patient, caseId, "phq-2", Today.date().plusDays(3)));

		Browserless mine = signedIn(login);
		assertThat(mine.get("/portal/questionnaires").body()).contains("GAD-7").doesNotContain("PHQ-2");
		// one the staff answer with the patient is not the portal's
		assertThat(mine.get("/portal/questionnaires/" + inClinic).statusCode()).isEqualTo(404);
		Answers any = Answers.single("phq2-1", "LA6568-5", "phq2-2", "LA6568-5");
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, login, () -> assessments.complete(inClinic, any, null, 0)))
			.isInstanceOf(AccessDeniedException.class);

		// a proxy, even one who sees everything, does not answer the patient's questionnaires
		Browserless family1 = signedIn(proxy);
		assertThat(family1.get("/portal/questionnaires").statusCode()).isEqualTo(403);
		assertThat(family1.get("/portal/questionnaires/" + atHome).statusCode()).isEqualTo(403);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, proxy, () -> assessments.complete(atHome, any, null, 0)))
			.isInstanceOf(AccessDeniedException.class);
		// nor does another patient
		Browserless stranger = signedIn(other);
		assertThat(stranger.get("/portal/questionnaires").body()).doesNotContain("GAD-7");
		assertThat(stranger.get("/portal/questionnaires/" + atHome).statusCode()).isEqualTo(404);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other, () -> assessments.toAnswerAtHome(patient)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other, () -> assessments.complete(atHome, any, null, 0)))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("select count(*) from assessment where id in (?, ?) and status = 'ASSIGNED'", atHome, inClinic)).isEqualTo(2);
	}
}
