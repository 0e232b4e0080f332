package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.team.PatientMessages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Messages between the patient and the case team over real HTTP: the patient writes in the portal, the message reaches
 * the team (a contact that reached the patient, restarting the follow-up cadence), the case manager answers on the
 * team's page and the answer shows in the portal; words about self-harm show whom to call and make a STAT task; only
 * the patient and proxies who see everything reach the messages, and only the threads shared with the patient.
 */
class PortalMessagesIT extends IntegrationTest {

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
	@Autowired PatientMessages messages;

	private PortalWorkFixtures.PortalPatient patientOnDanasCaseload(String family, String language) {
		return PortalWorkFixtures.patientOnDanasCaseload(context, family, "Ines", language);
	}

	private Browserless portal(PortalLogin login) {
		return portalClient(login);
	}

	private Browserless dana() {
		return staffClient("casemanager");
	}

	private long count(String sql, Object... params) {
		var q = jdbc.sql(sql);
		for (Object p : params) q = q.param(p);
		return q.query(Long.class).single();
	}

	private static UUID threadOf(HttpResponse<String> posted) {
		String location = Browserless.location(posted);
		assertThat(location).contains("/portal/messages/");
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	@Test
	void thePatientWritesTheCaseManagerAnswersAndTheMessageCountsAsReachingThePatient() {
		PortalWorkFixtures.PortalPatient f = patientOnDanasCaseload("Portalmsg" + UUID.randomUUID().toString().substring(0, 6), "en");
		long cadenceReplacedBefore = count("select count(*) from task where patient_id = ? and source like 'cadence:%' and status = 'CANCELLED'",
				f.patient().value());
		Browserless patient = portal(f.login());
		HttpResponse<String> page = patient.get("/portal/messages");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"no-threads\"").contains("id=\"crisis-always\"").contains("tel:988");

		// a field error first: no text
		HttpResponse<String> wrong = patient.post("/portal/messages", Map.of("subject", "My knee", "text", " "));
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("Write your message.").contains("value=\"My knee\"");

		HttpResponse<String> sent = patient.post("/portal/messages", Map.of("subject", "My knee", "text", "The knee hurts more since Monday."));
		UUID thread = threadOf(sent);
		HttpResponse<String> shown = patient.get("/portal/messages/" + thread);
		assertThat(shown.body()).contains("The knee hurts more since Monday.").contains("Your message was sent to your care team.")
			.doesNotContain("id=\"crisis-now\"");
		assertThat(count("select count(*) from message_thread where id = ? and with_patient and patient_id = ? and case_id = ?", thread,
				f.patient().value(), f.caseId().value())).isOne();
		UUID message = jdbc.sql("select id from message where thread_id = ? and author_kind = 'PATIENT' and not urgent").param(thread)
			.query(UUID.class).single();

		// the team's listeners: a portal-message contact that reached the patient (once), the cadence restarted from it
		Eventually.until(Duration.ofMinutes(1), "the portal message was logged as a contact", () -> count("""
				select count(*) from contact where source_message = ? and type = 'PORTAL_MESSAGE' and direction = 'INBOUND'
				  and with_whom = 'PATIENT' and outcome = 'REACHED' and case_id = ?""", message, f.caseId().value()) == 1);
		Eventually.until(Duration.ofMinutes(1), "the follow-up cadence restarted from the message", () -> count(
				"select count(*) from task where patient_id = ? and source like 'cadence:%' and status = 'CANCELLED'",
				f.patient().value()) > cadenceReplacedBefore);
		assertThat(count("select count(*) from contact where patient_id = ?", f.patient().value())).isOne();
		// no safety task for an everyday message
		assertThat(count("select count(*) from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP'", f.patient().value())).isZero();

		// the case manager reads it on the team's page (shared with the patient, written in the portal) and answers
		Browserless dana = dana();
		String p = f.patient().value().toString();
		assertThat(dana.get("/patients/" + p + "/messages").body()).contains("My knee").contains("With the patient");
		HttpResponse<String> teamThread = dana.get("/patients/" + p + "/messages/" + thread);
		assertThat(teamThread.body()).contains("Patient, in the portal").contains("id=\"shared-with-patient\"");
		HttpResponse<String> answered = dana.post("/patients/" + p + "/messages/" + thread, Map.of("text", "Please rest it and use ice. I will call you tomorrow."));
		assertThat(Browserless.location(answered)).endsWith("/patients/" + p + "/messages/" + thread);
		HttpResponse<String> answer = patient.get("/portal/messages/" + thread);
		assertThat(answer.body()).contains("Please rest it and use ice. I will call you tomorrow.").contains("Dana Whitfield")
			.contains("(care team)");
		// the answer is the team's, not a contact from the patient
		assertThat(count("select count(*) from contact where patient_id = ?", f.patient().value())).isOne();

		// a thread the team keeps to itself is not the patient's to see; one it shares is
		dana.get("/patients/" + p + "/messages");
		HttpResponse<String> internal = dana.post("/patients/" + p + "/messages", Map.of("title", "Team only", "text", "Between us."));
		UUID internalThread = UUID.fromString(Browserless.location(internal).substring(Browserless.location(internal).lastIndexOf('/') + 1));
		dana.get("/patients/" + p + "/messages");
		HttpResponse<String> shared = dana.post("/patients/" + p + "/messages",
				Map.of("title", "Your appointment", "text", "Your visit is on Friday.", "withPatient", "true"));
		assertThat(Browserless.location(shared)).contains("/patients/" + p + "/messages/");
		HttpResponse<String> list = patient.get("/portal/messages");
		assertThat(list.body()).contains("Your appointment").contains("My knee").doesNotContain("Team only");
		assertThat(patient.get("/portal/messages/" + internalThread).statusCode()).isEqualTo(404);
		assertThat(patient.post("/portal/messages/" + internalThread, Map.of("text", "Let me in")).statusCode()).isEqualTo(404);
		assertThat(count("select count(*) from message where thread_id = ?", internalThread)).isOne();
	}

	@Test
	void aMessageAboutSelfHarmShowsWhomToCallAndMakesAStatTaskForTheCaseManagerInSpanishToo() {
		PortalWorkFixtures.PortalPatient f = patientOnDanasCaseload("Portalsafe" + UUID.randomUUID().toString().substring(0, 6), "es");
		Browserless patient = portal(f.login());
		patient.get("/portal/messages");
		HttpResponse<String> sent = patient.post("/portal/messages",
				Map.of("subject", "No puedo más", "text", "A veces pienso en quitarme la vida."));
		UUID thread = threadOf(sent);
		HttpResponse<String> shown = patient.get("/portal/messages/" + thread);
		assertThat(shown.body()).contains("id=\"crisis-now\"").contains("tel:988").contains("tel:911")
			.contains("Si está pensando en hacerse daño, llame ahora");
		UUID message = jdbc.sql("select id from message where thread_id = ? and urgent and urgent_words").param(thread)
			.query(UUID.class).single();
		UUID dana = PortalWorkFixtures.dana(users).value();
		Eventually.until(Duration.ofMinutes(1), "a STAT safety task for the case manager", () -> count("""
				select count(*) from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP' and priority = 'STAT'
				  and owner_user_id = ? and source = ?""", f.patient().value(), dana, "portal-message:" + message) == 1);
		// the case manager's bell marks it urgent (the team's own path, with the patient as author)
		Eventually.until(Duration.ofMinutes(1), "an urgent message alert", () -> count(
				"select count(*) from notification where recipient_id = ? and category = 'message-urgent' and link = ?",
				dana, "/team/messages/" + thread) == 1);
	}

	@Test
	void onlyThePatientAndProxiesWhoSeeEverythingReachTheMessagesAndOnlyTheirOwn() {
		PortalWorkFixtures.PortalPatient f = patientOnDanasCaseload("Portalwho" + UUID.randomUUID().toString().substring(0, 6), "en");
		UUID everything = PortalFixtures.contact(patients, f.patient(), "Lucia Everything", SupportContact.Disclosure.EVERYTHING);
		UUID planOnly = PortalFixtures.contact(patients, f.patient(), "Marco Planonly", SupportContact.Disclosure.CARE_PLAN);
		PortalLogin daughter = PortalLogins.proxy(accounts, f.patient(), everything, "Lucia Everything");
		PortalLogin son = PortalLogins.proxy(accounts, f.patient(), planOnly, "Marco Planonly");
		PortalWorkFixtures.PortalPatient other = patientOnDanasCaseload("Portalother" + UUID.randomUUID().toString().substring(0, 6), "en");

		Browserless patient = portal(f.login());
		patient.get("/portal/messages");
		UUID thread = threadOf(patient.post("/portal/messages", Map.of("subject", "Rides", "text", "Who drives me on Tuesday?")));

		// a proxy who sees everything reads and writes (as family: a contact with the caregiver)
		Browserless lucia = portal(daughter);
		assertThat(lucia.get("/portal/messages").body()).contains("Rides");
		lucia.get("/portal/messages/" + thread);
		assertThat(Browserless.location(lucia.post("/portal/messages/" + thread, Map.of("text", "I can drive her.")))).endsWith("/portal/messages/" + thread);
		UUID fromLucia = jdbc.sql("select id from message where thread_id = ? and author_kind = 'PROXY'").param(thread).query(UUID.class).single();
		Eventually.until(Duration.ofMinutes(1), "the proxy's message logged as a contact with the caregiver", () -> count(
				"select count(*) from contact where source_message = ? and with_whom = 'CAREGIVER' and with_name = 'Lucia Everything'",
				fromLucia) == 1);

		// a proxy told the plan only does not reach the messages; refused, audited
		Browserless marco = portal(son);
		assertThat(marco.get("/portal/messages").statusCode()).isEqualTo(403);
		assertThat(marco.get("/portal/messages/" + thread).statusCode()).isEqualTo(403);
		assertThat(marco.post("/portal/messages/" + thread, Map.of("text", "Hello")).statusCode()).isEqualTo(403);
		assertThat(count("select count(*) from audit_event where actor = ? and outcome = 'DENIED'", "portal:" + son.accountId())).isPositive();

		// another patient: not their thread (not found), and the API refuses their principal on this patient
		Browserless stranger = portal(other.login());
		assertThat(stranger.get("/portal/messages").body()).doesNotContain("Rides");
		assertThat(stranger.get("/portal/messages/" + thread).statusCode()).isEqualTo(404);
		assertThat(stranger.post("/portal/messages/" + thread, Map.of("text", "Hello")).statusCode()).isEqualTo(404);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other.login(), () -> messages.threads(f.patient())))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other.login(), () -> messages.post(f.patient(), thread, "Hi")))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(count("select count(*) from message where thread_id = ?", thread)).isEqualTo(2);

		// a staff session reaches the team's pages, never the portal's; nobody signed in is sent to the portal's sign-in
		assertThat(dana().get("/portal/messages").statusCode()).isEqualTo(403);
		assertThat(Browserless.location(client().get("/portal/messages"))).endsWith("/portal/login");
	}
}
