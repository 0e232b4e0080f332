package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.support.Today;
import org.caremap.support.Tokens;
import org.caremap.task.TaskId;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Things the patient does, over real HTTP: the case manager sets one on the chart's tasks tab ("The patient does
 * this"), the patient sees it in the portal (and its count on the home page) and marks it done; the team sees who did it.
 * Another patient, a task the team does, a proxy told only the plan and a second press change nothing.
 */
class PortalTasksIT extends IntegrationTest {

	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired Tasks tasks;
	@Autowired ApiClients clients;

	private Browserless portal(PortalLogin login) {
		return portalClient(login);
	}

	private Browserless dana() {
		return staffClient("casemanager");
	}

	private UUID newTask(Browserless dana, PatientId patient, CaseId kase, String title, boolean forPatient) {
		String p = patient.value().toString();
		dana.get("/patients/" + p + "/tasks");
		Map<String, String> form = new HashMap<>(Map.of("type", "OTHER", "title", title, "priority", "ROUTINE",
				"owner", PortalWorkFixtures.dana(users).value().toString(), "caseId", kase.value().toString(),
				"due", Today.date().plusDays(3).toString()));
		if (forPatient) form.put("forPatient", "true");
		assertThat(Browserless.location(dana.post("/patients/" + p + "/tasks", form))).endsWith("/patients/" + p + "/tasks");
		return jdbc.sql("select id from task where patient_id = ? and title = ?").params(patient.value(), title).query(UUID.class).single();
	}

	private String status(UUID task) {
		return jdbc.sql("select status from task where id = ?").param(task).query(String.class).single();
	}

	@Test
	void theCaseManagerAsksSomethingOfThePatientWhoSeesItAndMarksItDoneAndNobodyElseCan() throws Exception {
		String family = "Portaltask" + UUID.randomUUID().toString().substring(0, 6);
		PatientId patient = PortalFixtures.patient(patients, organizations, family, "Rosa", "en");
		CaseId kase = PortalWorkFixtures.onDanasCaseload(programs, cases, users, details, patient);
		PortalLogin rosa = PortalLogins.patient(accounts, patient, "Rosa " + family);
		PatientId otherPatient = PortalFixtures.patient(patients, organizations, family + "x", "Omar", "en");
		PortalLogin omar = PortalLogins.patient(accounts, otherPatient, "Omar " + family);
		UUID planOnly = PortalFixtures.contact(patients, patient, "Marco Planonly", SupportContact.Disclosure.CARE_PLAN);
		UUID apptOnly = PortalFixtures.contact(patients, patient, "Ana Apptonly", SupportContact.Disclosure.APPOINTMENTS);
		PortalLogin son = PortalLogins.proxy(accounts, patient, planOnly, "Marco Planonly");
		PortalLogin niece = PortalLogins.proxy(accounts, patient, apptOnly, "Ana Apptonly");

		Browserless dana = dana();
		UUID walk = newTask(dana, patient, kase, "Walk ten minutes after lunch", true);
		UUID call = newTask(dana, patient, kase, "Call the pharmacy about the refill " + family, false);
		assertThat(jdbc.sql("select for_patient from task where id = ?").param(walk).query(Boolean.class).single()).isTrue();
		assertThat(jdbc.sql("select for_patient from task where id = ?").param(call).query(Boolean.class).single()).isFalse();
		// the chart marks the task the patient does
		assertThat(dana.get("/patients/" + patient.value() + "/tasks").body()).contains("id=\"for-patient-" + walk + "\"")
			.doesNotContain("id=\"for-patient-" + call + "\"").contains("Patient does this");

		// the patient sees it (not the team's own work), with its count on the home page
		Browserless me = portal(rosa);
		assertThat(me.get("/portal").body()).contains("id=\"section-TASKS\"").contains("1 thing to do");
		HttpResponse<String> page = me.get("/portal/tasks");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Walk ten minutes after lunch").contains("id=\"portal-task-done-" + walk + "\"")
			.doesNotContain("Call the pharmacy");

		// another patient sees nothing of it and cannot mark it done
		Browserless other = portal(omar);
		assertThat(other.get("/portal/tasks").body()).doesNotContain("Walk ten minutes").contains("id=\"tasks-none\"");
		assertThat(other.post("/portal/tasks/" + walk + "/done", Map.of()).statusCode()).isEqualTo(404);
		// a task the team does is not the patient's to close (the SQL guard: for_patient)
		assertThat(me.post("/portal/tasks/" + call + "/done", Map.of()).statusCode()).isEqualTo(404);
		// a proxy told the plan reads it but may not act; one told appointments only does not see it
		Browserless sonSession = portal(son);
		HttpResponse<String> sonPage = sonSession.get("/portal/tasks");
		assertThat(sonPage.statusCode()).isEqualTo(200);
		assertThat(sonPage.body()).contains("Walk ten minutes after lunch").doesNotContain("portal-task-done-").contains("id=\"tasks-read-only\"");
		assertThat(sonSession.post("/portal/tasks/" + walk + "/done", Map.of()).statusCode()).isEqualTo(403);
		Browserless nieceSession = portal(niece);
		assertThat(nieceSession.get("/portal/tasks").statusCode()).isEqualTo(403);
		assertThat(nieceSession.get("/portal").body()).doesNotContain("section-TASKS");
		assertThat(status(walk)).isEqualTo("READY");
		assertThat(status(call)).isEqualTo("READY");

		// the patient marks it done: who did it is kept, the step and the audit trail record it
		me.get("/portal/tasks");
		HttpResponse<String> done = me.post("/portal/tasks/" + walk + "/done", Map.of());
		assertThat(Browserless.location(done)).endsWith("/portal/tasks");
		assertThat(me.get("/portal/tasks").body()).contains("Marked done.").doesNotContain("Walk ten minutes after lunch");
		assertThat(status(walk)).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select completed_by from task where id = ?").param(walk).query(String.class).single())
			.isEqualTo("portal:" + rosa.accountId());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'COMPLETE' and resource_type = 'Task' and resource_id = ?")
			.param(walk.toString()).query(Long.class).single()).isOne();
		// pressed again: harmless
		me.get("/portal/tasks");
		assertThat(Browserless.location(me.post("/portal/tasks/" + walk + "/done", Map.of()))).endsWith("/portal/tasks");
		assertThat(me.get("/portal/tasks").body()).contains("This was already marked done.");
		assertThat(jdbc.sql("select count(*) from task_step where task_id = ? and kind = 'STATUS' and to_value = 'COMPLETED'")
			.param(walk).query(Long.class).single()).isOne();
		assertThat(PortalWorkFixtures.asPortal(accounts, rosa, () -> tasks.doneByThePatient(patient, new TaskId(walk)))).isFalse();
		assertThat(me.get("/portal").body()).doesNotContain("thing to do");

		// the team sees who did it, in the reader's words
		assertThat(dana.get("/patients/" + patient.value() + "/tasks").body()).contains("Done in the patient portal by Rosa " + family);

		// as FHIR: the Patient owns the task, the case manager asked for it
		ApiClients.Credentials reader = Tokens.register(new Actors(details), clients, "Tasks reader " + UUID.randomUUID(), "system/*.rs");
		String token = Tokens.accessToken(port, reader, "system/*.rs");
		HttpResponse<String> fhir = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Task/" + walk))
			.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(fhir.statusCode()).isEqualTo(200);
		assertThat(fhir.body().replace(" ", "")).contains("\"owner\":{\"reference\":\"Patient/" + patient.value() + "\"}")
			.contains("\"requester\":{\"reference\":\"Practitioner/" + PortalWorkFixtures.dana(users).value());
	}
}
