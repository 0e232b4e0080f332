package org.caremap.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.access.PatientAccess;
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
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A case manager corrects her patient's demographics and adds an identifier through the chart's forms, over real
 * HTTP: the changes show on the chart; a number another patient holds is refused with a message that says so; bad
 * input is refused field by field; another case manager's patient can be neither edited nor given an identifier,
 * and each attempt is refused (403) and audited.
 */
class PatientEditAndIdentifiersIT extends IntegrationTest {

	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired PatientAccess access;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;

	private Browserless dana;

	@BeforeEach
	void signIn() {
		dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
	}

	/** A new patient in a case of the given case manager. */
	private PatientId patientOf(String caseManager, String family) {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		var program = programs.active().get(0);
		new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername(caseManager).orElseThrow().id(), LocalDate.now(zone),
				new Consent(LocalDate.now(zone), ConsentMethod.VERBAL, "Test Consenter", true, true, true, true),
				Acuity.MODERATE, "test")));
		return patient;
	}

	private static Map<String, String> demographics(String family, String given, String birthDate, String phone,
			String address) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("familyName", family);
		form.put("givenName", given);
		form.put("middleName", "Rose");
		form.put("birthDate", birthDate);
		form.put("sex", "FEMALE");
		form.put("preferredLanguage", "es");
		form.put("phone", phone);
		form.put("email", "");
		form.put("contactMethod", "TEXT");
		form.put("contactTimes", "after 5 pm");
		form.put("interpreterNeeded", "true");
		form.put("addressLine", address);
		form.put("city", "Dayton");
		form.put("state", "OH");
		form.put("postalCode", "45402");
		return form;
	}

	private static Map<String, String> identifier(String type, String value, String assigner) {
		return Map.of("type", type, "value", value, "assigner", assigner);
	}

	private String familyNameOf(PatientId patient) {
		return jdbc.sql("select family_name from patient where id = ?").param(patient.value()).query(String.class).single();
	}

	private List<String> identifiersOf(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? order by value").param(patient.value())
			.query(String.class).list();
	}

	private long denials(PatientId patient) {
		return jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and outcome = 'DENIED' and patient_id = ?")
			.param(patient.value()).query(Long.class).single();
	}

	@Test
	void herOwnPatientsDemographicsChangeAndShowOnTheChart() {
		PatientId patient = patientOf("casemanager", "Editable");
		String chart = "/patients/" + patient;
		assertThat(dana.get(chart + "/edit").statusCode()).isEqualTo(200);
		HttpResponse<String> saved = dana.post(chart + "/edit",
				demographics("Marquez", "Elena", "1961-02-03", "(937) 555-0142", "77 Riverbend Road"));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(saved)).endsWith(chart);

		String page = dana.get(chart).body();
		assertThat(page).contains("The patient&#39;s details were saved.").contains("Marquez, Elena").contains("(937) 555-0142")
			.contains("77 Riverbend Road").contains("Dayton, OH 45402").doesNotContain("Editable, Test");
		assertThat(jdbc.sql("""
				select family_name || '|' || given_name || '|' || birth_date || '|' || preferred_language || '|'
				       || preferred_contact_method || '|' || interpreter_needed || '|' || updated_by
				from patient where id = ?""").param(patient.value()).query(String.class).single())
			.isEqualTo("Marquez|Elena|1961-02-03|es|TEXT|true|casemanager");
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'UPDATE' and resource_type = 'Patient' and actor = 'casemanager' and patient_id = ?")
			.param(patient.value()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void badDemographicsAreRefusedFieldByFieldAndNothingChanges() {
		PatientId patient = patientOf("casemanager", "Unchanged");
		String chart = "/patients/" + patient;
		dana.get(chart + "/edit");
		Map<String, String> form = demographics("", "Elena", Today.date().plusYears(1).toString(), "555", "1 Main St");
		form.put("preferredLanguage", "Spanish");
		HttpResponse<String> refused = dana.post(chart + "/edit", form);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("is-invalid").contains("This field is required.").contains("The date must be in the past.")
			.as("what was typed is kept").contains("value=\"Elena\"")
			// the language is chosen from a list of names: a value that is no language code is refused at the list
			.containsPattern("<select class=\"form-select is-invalid\"[^>]*id=\"preferredLanguage\"");
		assertThat(familyNameOf(patient)).isEqualTo("Unchanged");
	}

	@Test
	void anIdentifierIsAddedAndANumberAnotherPatientHoldsIsRefused() {
		PatientId first = patientOf("casemanager", "Numbered");
		PatientId second = patientOf("casemanager", "Renumbered");
		String number = "RGH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);

		dana.get("/patients/" + first);
		HttpResponse<String> added = dana.post("/patients/" + first + "/identifiers", identifier("MR", number, "Riverside General Hospital"));
		assertThat(added.statusCode()).isEqualTo(302);
		String chart = dana.get("/patients/" + first).body();
		assertThat(chart).contains("The identifier was added.").contains("<span class=\"identifier\">" + number + "</span>");
		assertThat(identifiersOf(first)).contains(number);

		// the same number from the same hospital on another patient is refused, and says why
		dana.get("/patients/" + second);
		HttpResponse<String> taken = dana.post("/patients/" + second + "/identifiers", identifier("MR", number, "Riverside General Hospital"));
		assertThat(taken.statusCode()).isEqualTo(302);
		String refused = dana.get("/patients/" + second).body();
		assertThat(refused).contains("The number " + number).containsAnyOf("is already used by another patient",
				"already belongs to a registered patient").doesNotContain("The identifier was added.");
		assertThat(identifiersOf(second)).doesNotContain(number);

		// an incomplete one too
		dana.get("/patients/" + second);
		dana.post("/patients/" + second + "/identifiers", identifier("MR", "", "Riverside General Hospital"));
		assertThat(dana.get("/patients/" + second).body()).contains("Give the type, the number and who assigned it.");
		assertThat(identifiersOf(second)).hasSize(1);
	}

	@Test
	void anotherCaseManagersPatientCanBeNeitherEditedNorNumberedAndEachAttemptIsAudited() {
		PatientId theirs = patientOf("casemanager2", "Protected");
		assertThat(access.patientsOf(accounts.findByUsername("casemanager").orElseThrow().id())).doesNotContain(theirs);
		List<String> numbersBefore = identifiersOf(theirs);
		long before = denials(theirs);

		dana.get("/");
		HttpResponse<String> form = dana.get("/patients/" + theirs + "/edit");
		assertThat(form.statusCode()).isEqualTo(403);
		assertThat(form.body()).doesNotContain("Protected, Test");
		dana.get("/");
		HttpResponse<String> edit = dana.post("/patients/" + theirs + "/edit",
				demographics("Intruder", "Someone", "1960-01-01", "(937) 555-0100", "1 Other Street"));
		assertThat(edit.statusCode()).isEqualTo(403);
		dana.get("/");
		HttpResponse<String> number = dana.post("/patients/" + theirs + "/identifiers", identifier("MR", "X-" + UUID.randomUUID(), "Elsewhere"));
		assertThat(number.statusCode()).isEqualTo(403);

		assertThat(familyNameOf(theirs)).isEqualTo("Protected");
		assertThat(identifiersOf(theirs)).isEqualTo(numbersBefore);
		assertThat(denials(theirs)).as("each refused attempt audited").isGreaterThanOrEqualTo(before + 3);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and outcome = 'SUCCESS' and patient_id = ?")
			.param(theirs.value()).query(Long.class).single()).as("nothing of theirs read or written").isZero();
	}
}
