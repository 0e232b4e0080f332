package org.caremap.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Labels;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Part2Fixtures;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A diagnosis labelled 42 CFR Part 2 by itself: recorded on the chart with the label ticked by default for a reader
 * inside the patient's Part 2 program (not for one outside), or received labelled in FHIR; shown with the label
 * inside, withheld and counted outside (summary, timeline, Condition search and read), shown under a consent.
 */
class Part2ConditionIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String WITHHELD_ONE = "1 record from a confidential substance-use program is withheld from you";
	private static final String NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DisclosureConsents consents;
	@Autowired ApiClients clients;
	@Autowired JdbcClient jdbc;

	Actors actors;
	Part2Fixtures fixtures;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		fixtures = new Part2Fixtures(actors, cases, patients, programs, organizations, accounts);
	}

	@Test
	void aConditionRecordedInTheProgramIsLabelledAndWithheldFromReadersOutside() throws Exception {
		var p = fixtures.enrolled("Diagnosed");
		String chart = "/patients/" + p.patient();
		Browserless dana = staffClient(Part2Fixtures.INSIDE);
		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		// the label is ticked by default for the program's case manager, not for the other program's
		assertThat(checkbox(dana.get(chart).body())).contains("checked");
		assertThat(checkbox(marcus.get(chart).body())).doesNotContain("checked");

		dana.get(chart);
		assertThat(dana.post(chart + "/conditions", Map.of("code", "f11.20", "display", "Opioid dependence, uncomplicated",
				"part2", "true")).statusCode()).isEqualTo(302);
		marcus.get(chart);
		assertThat(marcus.post(chart + "/conditions", Map.of("code", "I50.9", "display", "Heart failure, unspecified"))
			.statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select code || ':' || part2 from patient_condition where patient_id = ? and code in ('F11.20', 'I50.9') order by code")
			.param(p.patient().value()).query(String.class).list()).containsExactly("F11.20:true", "I50.9:false");
		// a code that is not ICD-10-CM is refused with its words, nothing stored
		marcus.get(chart);
		HttpResponse<String> bad = marcus.post(chart + "/conditions", Map.of("code", "NOT-A-CODE", "display", "x"));
		assertThat(bad.statusCode()).isEqualTo(302);
		assertThat(marcus.get(chart).body()).contains("is not an ICD-10-CM code");

		assertThat(dana.get(chart).body()).contains("Opioid dependence, uncomplicated", "cm-part2-label", "Heart failure, unspecified")
			.doesNotContain(WITHHELD_ONE);
		assertThat(dana.get(chart + "/timeline").body()).contains("Opioid dependence, uncomplicated");
		String outside = marcus.get(chart).body();
		assertThat(outside).contains("Heart failure, unspecified", WITHHELD_ONE).doesNotContain("Opioid dependence", "F11.20");
		assertThat(marcus.get(chart + "/timeline").body()).contains("Heart failure, unspecified").doesNotContain("Opioid dependence");
		actors.run(Part2Fixtures.OUTSIDE, () -> {
			PatientDetails details = patients.details(p.patient()).orElseThrow();
			assertThat(details.conditions()).extracting(CodedCondition::code).doesNotContain("F11.20").contains("I50.9");
			assertThat(details.withheldConditions()).isEqualTo(1);
		});

		fixtures.consentForOutside(consents, p.patient());
		assertThat(marcus.get(chart).body()).contains("Opioid dependence, uncomplicated", "cm-part2-label", NOTICE)
			.doesNotContain(WITHHELD_ONE);
		assertThat(dana.get(chart).body()).doesNotContain(NOTICE);
	}

	@Test
	void fhirStoresALabelledConditionAsPart2AndWithholdsItFromASystemWithoutConsent() throws Exception {
		var p = fixtures.enrolled("FhirDiagnosed");
		ApiClients.Credentials ehr = Tokens.register(actors, clients, "Condition platform " + UUID.randomUUID(), "system/*.cruds");
		FhirHttp api = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));
		var mrn = jdbc.sql("select system, value from patient_identifier where patient_id = ? limit 1").param(p.patient().value())
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();

		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(mrn.get(0)).setValue(mrn.get(1)).getType()
			.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null));
		patient.addName().setFamily("FhirDiagnosed").addGiven("Test");
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE)
			.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-05-17"));
		String patientUrl = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		Condition labelled = new Condition().setSubject(new Reference(patientUrl))
			.setCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "F10.20", "Alcohol dependence, uncomplicated")));
		Part2Labels.label(labelled);
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(labelled).getRequest()
			.setMethod(Bundle.HTTPVerb.POST).setUrl("Condition");
		HttpResponse<String> posted = api.post("/fhir", FHIR.newJsonParser().encodeResourceToString(transaction));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
		assertThat(jdbc.sql("select code || ':' || part2 from patient_condition where code = 'F10.20' and patient_id = ?")
			.param(p.patient().value()).query(String.class).list()).as(posted.body()).containsExactly("F10.20:true");
		UUID stored = jdbc.sql("select id from patient_condition where patient_id = ? and code = 'F10.20' and part2")
			.param(p.patient().value()).query(UUID.class).single();

		Bundle outside = bundle(api.get("/fhir/Condition?patient=Patient/" + p.patient()));
		assertThat(codes(outside)).contains("I10", "E11.9").doesNotContain("F10.20");
		assertThat(outside.getTotal()).isEqualTo(2);
		OperationOutcome outcome = outcome(outside);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("1 resource(s) withheld under 42 CFR Part 2");
		assertThat(api.get("/fhir/Condition/" + stored).statusCode()).isEqualTo(403);

		fixtures.consentForClient(consents, p.patient(), ehr.clientId());
		Bundle shown = bundle(api.get("/fhir/Condition?patient=Patient/" + p.patient()));
		assertThat(codes(shown)).contains("I10", "E11.9", "F10.20");
		for (Bundle.BundleEntryComponent e : shown.getEntry()) {
			if (e.getResource() instanceof Condition c) {
				assertThat(Part2Labels.labelled(c)).isEqualTo(c.getCode().getCodingFirstRep().getCode().equals("F10.20"));
			}
		}
		assertThat(outcome(shown).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("42 CFR part 2"));
		HttpResponse<String> read = api.get("/fhir/Condition/" + stored);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(Part2Labels.labelled(FHIR.newJsonParser().parseResource(Condition.class, read.body()))).isTrue();
	}

	private static String checkbox(String page) {
		int at = page.indexOf("id=\"condition-part2\"");
		assertThat(at).as("the condition form's Part 2 box").isPositive();
		return page.substring(page.lastIndexOf("<input", at), page.indexOf(">", at));
	}

	private static Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static List<String> codes(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Condition.class::isInstance)
			.map(r -> ((Condition) r).getCode().getCodingFirstRep().getCode()).toList();
	}

	private static OperationOutcome outcome(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
			.map(e -> (OperationOutcome) e.getResource()).findFirst().orElseThrow(() -> new AssertionError("no outcome entry"));
	}
}
