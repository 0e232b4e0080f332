package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.caremap.identity.ApiClients;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Synthea;
import org.caremap.support.Tokens;
import org.caremap.timeline.Timeline;
import org.caremap.timeline.TimelineEntry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Onboarding from an EHR with Synthea's patients: ten living patients (seed 42, reference date 2025-01-01) are
 * generated in Synthea's own JVM, imported with the batch import (as the {@code fhir-import} command runs it) and
 * then again as FHIR transactions over HTTP. The second import creates nothing: patients are found by their
 * identifiers, and one sent without any identifier is found by demographics; conditions and encounters are not
 * doubled; they appear on the patient's timeline.
 */
class SyntheaImportIT extends IntegrationTest {

	@Autowired BundleFolder folder;
	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Timeline timeline;

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	@Test
	void importingTheSameSyntheaPatientsTwiceCreatesNoDuplicates() throws Exception {
		Path fhir = Synthea.patients(10);
		List<Path> bundles;
		try (Stream<Path> files = Files.list(fhir)) {
			bundles = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
		}
		assertThat(bundles).hasSize(11); // ten patients and their practitioners
		long patients = count("patient");
		long providers = count("provider");

		ByteArrayOutputStream progress = new ByteArrayOutputStream();
		assertThat(folder.importFolder(fhir, new PrintStream(progress, true, StandardCharsets.UTF_8))).isTrue();
		String lines = progress.toString(StandardCharsets.UTF_8);
		System.out.println(lines);
		assertThat(lines).contains("[11/11]").contains("Done: 11 bundles imported, 0 not");
		assertThat(count("patient")).isEqualTo(patients + 10);
		assertThat(count("provider")).isGreaterThan(providers);
		long conditions = count("patient_condition");
		long encounters = count("encounter");
		long identifiers = count("patient_identifier");
		long providersAfter = count("provider");
		assertThat(jdbc.sql("select count(*) from encounter where source = 'IMPORT'").query(Long.class).single()).isPositive();
		// history does not start transition work
		assertThat(jdbc.sql("select count(*) from care_transition t join encounter e on e.id = t.encounter_id where e.source = 'IMPORT'")
			.query(Long.class).single()).isZero();

		// the same patients again, as FHIR transactions; one of them without any identifier
		FhirContext context = FhirContext.forR4Cached();
		context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		context.getRestfulClientFactory().setSocketTimeout(300_000);
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "Synthea EHR " + UUID.randomUUID(), "system/*.cruds");
		IGenericClient client = context.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		String token = Tokens.accessToken(port, ehr, "system/*.cruds");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		org.caremap.support.FhirHttp http = new org.caremap.support.FhirHttp(port, token);
		int asynchronous = 0;
		String anonymous = null;
		for (Path file : bundles) {
			Bundle bundle;
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				bundle = context.newJsonParser().parseResource(Bundle.class, reader);
			}
			if (anonymous == null) {
				Patient patient = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(r -> r instanceof Patient).map(r -> (Patient) r).findFirst().orElse(null);
				if (patient != null) {
					anonymous = patient.getNameFirstRep().getFamily();
					patient.getIdentifier().clear();
				}
			}
			Bundle response;
			if (bundle.getEntry().size() <= 1000) {
				response = client.transaction().withBundle(bundle).execute();
			}
			else {
				// a patient with years of history is more than a request takes at once: a background import
				asynchronous++;
				var kickoff = http.post("/fhir", context.newJsonParser().encodeResourceToString(bundle), "Prefer", "respond-async");
				assertThat(kickoff.statusCode()).as(kickoff.body()).isEqualTo(202);
				String status = kickoff.headers().firstValue("Content-Location").orElseThrow();
				String path = status.substring(status.indexOf("/fhir-import/"));
				var ended = org.caremap.support.Eventually.value(java.time.Duration.ofMinutes(10), "the import of " + file.getFileName(),
						() -> http.get(path), r -> r.statusCode() != 202);
				assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
				response = context.newJsonParser().parseResource(Bundle.class, ended.body());
			}
			assertThat(response.getEntry()).hasSize(bundle.getEntry().size());
			assertThat(response.getEntry()).noneMatch(e -> e.getResponse().getStatus().startsWith("201"));
		}
		assertThat(anonymous).isNotNull();
		assertThat(asynchronous).as("bundles of more than 1,000 entries went through the background import").isPositive();
		assertThat(count("patient")).isEqualTo(patients + 10);
		assertThat(count("patient_condition")).isEqualTo(conditions);
		assertThat(count("encounter")).isEqualTo(encounters);
		assertThat(count("patient_identifier")).isEqualTo(identifiers);
		assertThat(count("provider")).isEqualTo(providersAfter);

		// an imported patient's conditions and encounters are on the timeline
		Map<String, Object> one = jdbc.sql("""
				select p.id, (select count(*) from patient_condition c where c.patient_id = p.id) conditions,
				       (select count(*) from encounter e where e.patient_id = p.id) encounters
				from patient p where p.family_name = ? limit 1""").param(anonymous).query().singleRow();
		PatientId imported = new PatientId((UUID) one.get("id"));
		List<TimelineEntry> entries = SystemActor.call("test", List.of("SYSTEM"), () -> timeline.of(imported));
		assertThat(entries.stream().filter(e -> e.kind().equals("condition")).count()).isEqualTo((Long) one.get("conditions"));
		assertThat(entries.stream().filter(e -> e.kind().startsWith("encounter.")).count()).isGreaterThanOrEqualTo((Long) one.get("encounters"));
		assertThat((Long) one.get("encounters")).isPositive();
	}
}
