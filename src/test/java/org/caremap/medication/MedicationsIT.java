package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.demo.DemoLogins;
import org.caremap.fhir.BundleImporter;
import org.caremap.fhir.ImportContext;
import org.caremap.fhir.ImportOutcome;
import org.caremap.identity.ApiClients;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The patient's medications and allergies: taken in from an EHR's resources once (a second import finds them),
 * served over FHIR with reads, searches, paging and refusals as OperationOutcomes, audited under the API client's
 * name, and shown on the chart summary to the patient's case manager.
 */
class MedicationsIT extends IntegrationTest {

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	@Autowired List<BundleImporter> importers;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired DemoLogins demo;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private ApiClients.Credentials ehr;
	private String token;
	private IGenericClient client;

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "Pharmacy " + UUID.randomUUID(), "system/*.cruds");
		token = Tokens.accessToken(port, ehr, "system/*.cruds");
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = fhir.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
	}

	private String base() {
		return "http://localhost:" + port + "/fhir";
	}

	/** A bundle holding one patient (urn:uuid:patient) and one Medication (urn:uuid:medication). */
	private record Context(UUID patient, Medication medication) implements ImportContext {

		@Override
		public Optional<UUID> patient(Reference reference) {
			return "urn:uuid:patient".equals(reference.getReference()) ? Optional.of(patient) : Optional.empty();
		}

		@Override
		public Optional<String> resolve(Reference reference) {
			return patient(reference).map(id -> "Patient/" + id);
		}

		@Override
		public Optional<Resource> resource(Reference reference) {
			return "urn:uuid:medication".equals(reference.getReference()) ? Optional.of(medication) : Optional.empty();
		}
	}

	private BundleImporter importer() {
		return importers.stream().filter(i -> i.types().containsAll(Set.of("MedicationRequest", "MedicationStatement",
				"AllergyIntolerance"))).findFirst().orElseThrow();
	}

	private List<ImportOutcome> take(List<Resource> resources, ImportContext context) {
		BundleImporter importer = importer();
		return SystemActor.call("import", List.of("SYSTEM"),
				() -> resources.stream().map(r -> importer.take(r, context)).toList());
	}

	private long rows(String table, UUID patient) {
		return jdbc.sql("select count(*) from " + table + " where patient_id = ?").param(patient).query(Long.class).single();
	}

	@Test
	void importStoresMedicationsAndAllergiesOnceAndMatchesThemTheSecondTime() {
		UUID patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Pillsbury").value();
		Medication metformin = new Medication();
		metformin.setId("medication-1");
		metformin.setCode(new CodeableConcept().addCoding(new Coding(RXNORM, "861007", "Metformin hydrochloride 500 MG Oral Tablet")));

		MedicationRequest request = new MedicationRequest();
		request.setId("request-1");
		request.addIdentifier().setSystem("urn:oid:1.2.3.4").setValue("RX-1001");
		request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.setMedication(new Reference("urn:uuid:medication"));
		request.setSubject(new Reference("urn:uuid:patient"));
		request.setAuthoredOnElement(new DateTimeType("2024-03-05T10:00:00Z"));
		request.addDosageInstruction().setText("1 tablet twice daily with meals");
		request.addReasonCode().setText("Type 2 diabetes");

		MedicationStatement statement = new MedicationStatement();
		statement.setStatus(MedicationStatement.MedicationStatementStatus.COMPLETED);
		statement.setMedication(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "387458008", "Aspirin"))
			.addCoding(new Coding(RXNORM, "243670", "Aspirin 81 MG Oral Tablet")));
		statement.setSubject(new Reference("urn:uuid:patient"));
		statement.setEffective(new Period().setStartElement(new DateTimeType("2022-01-10T00:00:00Z"))
			.setEndElement(new DateTimeType("2023-06-30T00:00:00Z")));
		statement.addDosage().setText("81 mg daily");

		AllergyIntolerance allergy = new AllergyIntolerance();
		allergy.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		allergy.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", null)));
		allergy.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY);
		allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
		allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
		allergy.setCode(new CodeableConcept().addCoding(new Coding(RXNORM, "7980", "Penicillin G")));
		allergy.setPatient(new Reference("urn:uuid:patient"));
		allergy.addReaction().addManifestation(new CodeableConcept().setText("Hives"))
			.addManifestation(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "267036007", "Dyspnea")));

		Context context = new Context(patient, metformin);
		List<Resource> bundle = List.of(request, statement, allergy);
		List<ImportOutcome> first = take(bundle, context);
		assertThat(first).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.CREATED);
		assertThat(first.get(0).reference()).startsWith("MedicationStatement/");
		assertThat(first.get(1).reference()).startsWith("MedicationStatement/");
		assertThat(first.get(2).reference()).startsWith("AllergyIntolerance/");
		assertThat(rows("medication_statement", patient)).isEqualTo(2);
		assertThat(rows("allergy_intolerance", patient)).isEqualTo(1);

		UUID fromRequest = UUID.fromString(first.get(0).reference().substring("MedicationStatement/".length()));
		Map<String, Object> row = jdbc.sql("""
				select code_system, code, display, status, effective_start, dosage, reason, source_reference
				from medication_statement where id = ?""").param(fromRequest).query().singleRow();
		assertThat(row).containsEntry("code_system", RXNORM).containsEntry("code", "861007").containsEntry("status", "active")
			.containsEntry("dosage", "1 tablet twice daily with meals").containsEntry("reason", "Type 2 diabetes")
			.containsEntry("source_reference", "urn:oid:1.2.3.4|RX-1001");
		assertThat(((java.sql.Timestamp) row.get("effective_start")).toInstant()).isEqualTo(Instant.parse("2024-03-05T10:00:00Z"));
		assertThat(jdbc.sql("select code || ' ' || status from medication_statement where patient_id = ? and id <> ?")
			.params(patient, fromRequest).query(String.class).single()).as("RxNorm preferred").isEqualTo("243670 completed");
		assertThat(jdbc.sql("select reaction || ' / ' || criticality || ' / ' || category from allergy_intolerance where patient_id = ?")
			.param(patient).query(String.class).single()).isEqualTo("Hives; Dyspnea / high / medication");

		// the same resources again (a second onboarding of the same chart): found, nothing added
		List<ImportOutcome> second = take(bundle, context);
		assertThat(second).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.MATCHED);
		assertThat(second).extracting(ImportOutcome::reference)
			.containsExactlyElementsOf(first.stream().map(ImportOutcome::reference).toList());
		assertThat(rows("medication_statement", patient)).isEqualTo(2);
		assertThat(rows("allergy_intolerance", patient)).isEqualTo(1);

		// a patient the bundle's import did not take in, and a drug the EHR did not code
		MedicationStatement stranger = statement.copy();
		stranger.setSubject(new Reference("urn:uuid:someone-else"));
		MedicationStatement uncoded = statement.copy();
		uncoded.setMedication(new CodeableConcept().setText("herbal tea"));
		List<ImportOutcome> skipped = take(List.of(stranger, uncoded), context);
		assertThat(skipped).extracting(ImportOutcome::kind).containsOnly(ImportOutcome.Kind.SKIPPED);
		assertThat(skipped.get(0).reason()).isEqualTo("patient not imported");
		assertThat(rows("medication_statement", patient)).isEqualTo(2);

		// the imported items over FHIR
		Bundle found = client.search().forResource(MedicationStatement.class)
			.where(MedicationStatement.PATIENT.hasId("Patient/" + patient)).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(2);
		MedicationStatement served = client.read().resource(MedicationStatement.class).withId(fromRequest.toString()).execute();
		assertThat(served.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("861007");
		assertThat(served.getStatus()).isEqualTo(MedicationStatement.MedicationStatementStatus.ACTIVE);
		assertThat(served.getDosageFirstRep().getText()).isEqualTo("1 tablet twice daily with meals");
		assertThat(served.getSubject().getReference()).isEqualTo("Patient/" + patient);
	}

	@Test
	void theDemoOrganisationHasBothTypesAndTheyAreReadAndSearchedOverFhir() {
		UUID medication = jdbc.sql("select id from medication_statement where created_by = 'system:demo' order by id limit 1")
			.query(UUID.class).single();
		UUID allergy = jdbc.sql("select id from allergy_intolerance where created_by = 'system:demo' order by id limit 1")
			.query(UUID.class).single();

		MedicationStatement m = client.read().resource(MedicationStatement.class).withId(medication.toString()).execute();
		var stored = jdbc.sql("select patient_id, code, status from medication_statement where id = ?").param(medication)
			.query().singleRow();
		assertThat(m.getSubject().getReference()).isEqualTo("Patient/" + stored.get("patient_id"));
		assertThat(m.getMedicationCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo(RXNORM);
		assertThat(m.getMedicationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo(stored.get("code"));
		assertThat(m.getStatus().toCode()).isEqualTo(stored.get("status"));
		assertThat(m.getDateAsserted()).isNotNull();
		assertThat(m.getMeta().getLastUpdated()).isNotNull();

		AllergyIntolerance a = client.read().resource(AllergyIntolerance.class).withId(allergy.toString()).execute();
		var storedAllergy = jdbc.sql("select patient_id, code, criticality, reaction from allergy_intolerance where id = ?")
			.param(allergy).query().singleRow();
		assertThat(a.getMeta().getProfile()).extracting(p -> p.getValue())
			.containsExactly("http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance");
		assertThat(a.getPatient().getReference()).isEqualTo("Patient/" + storedAllergy.get("patient_id"));
		assertThat(a.getCode().getCodingFirstRep().getCode()).isEqualTo(storedAllergy.get("code"));
		assertThat(a.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
		assertThat(a.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
		assertThat(a.getCriticality().toCode()).isEqualTo(storedAllergy.get("criticality"));
		assertThat(a.getReactionFirstRep().getManifestationFirstRep().getText()).isEqualTo(storedAllergy.get("reaction"));
		assertThat(a.getRecordedDate()).isNotNull();

		// reads are audited under the client's name
		String actor = "system:api:" + ehr.clientId();
		assertThat(audited(actor, "MedicationStatement", medication)).isGreaterThanOrEqualTo(1);
		assertThat(audited(actor, "AllergyIntolerance", allergy)).isGreaterThanOrEqualTo(1);

		// by patient (and subject), by status, by clinical status: what the database holds
		UUID patient = (UUID) stored.get("patient_id");
		assertThat(ids(client.search().forResource(MedicationStatement.class)
			.where(MedicationStatement.PATIENT.hasId("Patient/" + patient)).count(100).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from medication_statement where patient_id = ?", patient));
		assertThat(ids(client.search().forResource(MedicationStatement.class)
			.where(MedicationStatement.SUBJECT.hasId(patient.toString())).count(100).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from medication_statement where patient_id = ?", patient));
		Set<String> stopped = dbIds("select id from medication_statement where status = 'stopped'");
		assertThat(stopped).isNotEmpty();
		assertThat(ids(client.search().forResource(MedicationStatement.class)
			.where(MedicationStatement.STATUS.exactly().code("stopped")).count(500).returnBundle(Bundle.class).execute()))
			.isEqualTo(stopped);
		assertThat(ids(client.search().forResource(MedicationStatement.class)
			.where(MedicationStatement.PATIENT.hasId("Patient/" + patient))
			.and(MedicationStatement.STATUS.exactly().code("active")).count(100).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from medication_statement where patient_id = ? and status = 'active'", patient));
		UUID allergic = (UUID) storedAllergy.get("patient_id");
		assertThat(ids(client.search().forResource(AllergyIntolerance.class)
			.where(AllergyIntolerance.PATIENT.hasId("Patient/" + allergic)).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from allergy_intolerance where patient_id = ?", allergic));
		assertThat(ids(client.search().forResource(AllergyIntolerance.class)
			.where(AllergyIntolerance.CLINICAL_STATUS.exactly().code("active")).count(500).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from allergy_intolerance where clinical_status = 'active'"));

		// by last update: the rows changed since a moment, as the database says
		Instant since = jdbc.sql("select min(created_at) from allergy_intolerance").query(java.sql.Timestamp.class).single()
			.toInstant().truncatedTo(ChronoUnit.MILLIS);
		assertThat(dbIds("select id from allergy_intolerance where created_at >= ?", java.sql.Timestamp.from(since))).isNotEmpty();
		assertThat(ids(client.search().forResource(AllergyIntolerance.class)
			.where(new ca.uhn.fhir.rest.gclient.DateClientParam("_lastUpdated").afterOrEquals().millis(java.util.Date.from(since)))
			.count(500).returnBundle(Bundle.class).execute()))
			.isEqualTo(dbIds("select id from allergy_intolerance where created_at >= ?", java.sql.Timestamp.from(since)));
		assertThat(client.search().forResource(MedicationStatement.class)
			.where(new ca.uhn.fhir.rest.gclient.DateClientParam("_lastUpdated").before().millis(java.util.Date.from(
					Instant.parse("2000-01-01T00:00:00Z"))))
			.returnBundle(Bundle.class).execute().getEntry()).isEmpty();
	}

	@Test
	void searchesPageWithCountAndNextLinks() {
		long total = jdbc.sql("select count(*) from medication_statement").query(Long.class).single();
		Bundle first = client.search().forResource(MedicationStatement.class).count(3).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) total);
		assertThat(first.getEntry()).hasSize(3);
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = client.loadPage().next(first).execute();
		assertThat(second.getEntry()).hasSize(3);
		Set<String> seen = new HashSet<>(ids(first));
		seen.addAll(ids(second));
		assertThat(seen).as("two pages, six different medications").hasSize(6);

		long allergies = jdbc.sql("select count(*) from allergy_intolerance").query(Long.class).single();
		Bundle a = client.search().forResource(AllergyIntolerance.class).count(2).returnBundle(Bundle.class).execute();
		assertThat(a.getTotal()).isEqualTo((int) allergies);
		assertThat(a.getEntry()).hasSize(2);
		Bundle b = client.loadPage().next(a).execute();
		assertThat(ids(b)).hasSize(2).doesNotContainAnyElementsOf(ids(a));
	}

	@Test
	void unknownIdsAndBadParametersAreOperationOutcomes() throws Exception {
		assertThatThrownBy(() -> client.read().resource(MedicationStatement.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(AllergyIntolerance.class).withId("not-a-uuid").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		HttpClient http = HttpClient.newHttpClient();
		for (String query : List.of("/AllergyIntolerance?patient=not-a-uuid", "/MedicationStatement?subject=Group/1",
				"/MedicationStatement?_lastUpdated=yesterday", "/AllergyIntolerance/" + UUID.randomUUID())) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + query))
				.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(query).isIn(400, 404);
			OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(query).isNotBlank();
		}
	}

	@Test
	void theChartSummaryShowsTheCaseManagerTheirPatientsMedicationsAndAllergies() {
		UUID patient = jdbc.sql("""
				select c.patient_id from care_case c join user_account u on u.id = c.case_manager_id
				where u.username = 'casemanager' and c.status = 'ACTIVE'
				  and exists (select 1 from medication_statement m where m.patient_id = c.patient_id and m.status = 'active')
				  and exists (select 1 from allergy_intolerance a where a.patient_id = c.patient_id and a.clinical_status = 'active')
				order by c.patient_id limit 1""").query(UUID.class).single();
		List<String> drugs = jdbc.sql("select display from medication_statement where patient_id = ? and status = 'active'")
			.param(patient).query(String.class).list();
		List<String> allergens = jdbc.sql("select display || '|' || reaction from allergy_intolerance where patient_id = ?")
			.param(patient).query(String.class).list();
		List<String> stopped = jdbc.sql("select display from medication_statement where patient_id = ? and status <> 'active'")
			.param(patient).query(String.class).list();

		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> page = browser.get("/patients/" + patient);
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("Medications and allergies", "Active medications", "Allergies");
		String panel = html.substring(html.indexOf("id=\"summary-medications\""));
		panel = panel.substring(0, panel.indexOf("</section>"));
		for (String drug : drugs) assertThat(panel).contains(drug);
		for (String allergen : allergens) {
			String[] parts = allergen.split("\\|");
			assertThat(panel).contains(parts[0], parts[1]);
		}
		for (String gone : stopped) {
			if (!drugs.contains(gone)) assertThat(panel).doesNotContain(gone);
		}
		assertThat(panel).contains("since ").doesNotContain("None recorded");
		assertThat(audited("casemanager", "MedicationStatement", null)).isGreaterThanOrEqualTo(1);

		UUID without = jdbc.sql("""
				select c.patient_id from care_case c join user_account u on u.id = c.case_manager_id
				where u.username = 'casemanager' and c.status = 'ACTIVE'
				  and not exists (select 1 from medication_statement m where m.patient_id = c.patient_id)
				  and not exists (select 1 from allergy_intolerance a where a.patient_id = c.patient_id)
				order by c.patient_id limit 1""").query(UUID.class).single();
		String empty = browser.get("/patients/" + without).body();
		String emptyPanel = empty.substring(empty.indexOf("id=\"summary-medications\""));
		assertThat(emptyPanel.substring(0, emptyPanel.indexOf("</section>"))).contains("None recorded");
	}

	private long audited(String actor, String type, UUID id) {
		return jdbc.sql("""
				select count(*) from audit_event where actor = ? and action = 'READ' and resource_type = ?
				  and (cast(? as text) is null or resource_id = ?)""")
			.params(actor, type, id == null ? null : id.toString(), id == null ? null : id.toString())
			.query(Long.class).single();
	}

	private static Set<String> ids(Bundle bundle) {
		Set<String> ids = new HashSet<>();
		bundle.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
		return ids;
	}

	private Set<String> dbIds(String sql, Object... params) {
		return new HashSet<>(jdbc.sql(sql).params(params).query(UUID.class).list().stream().map(UUID::toString).toList());
	}
}
