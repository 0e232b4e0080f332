package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR Bulk Data export of the demo data over real HTTP: kick-off (system, Patient and Group level), polling
 * until the manifest, downloading every NDJSON file and parsing each line as the type the manifest declares,
 * counts checked against the database; cancellation, another client's job, and requests that must be refused.
 */
class BulkExportIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private final JsonMapper json = JsonMapper.builder().build();
	private String token;

	@BeforeEach
	void setUp() throws Exception {
		ApiClients.Credentials analytics = Tokens.register(new Actors(users), clients, "Analytics " + UUID.randomUUID(), "system/*.rs");
		token = Tokens.accessToken(port, analytics, "system/*.rs");
	}

	private HttpResponse<String> get(String url, String bearer, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://localhost:" + port + url))
			.header("Accept", "application/fhir+json").GET();
		if (bearer != null) request.header("Authorization", "Bearer " + bearer);
		for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String kickOff(String path) throws Exception {
		HttpResponse<String> accepted = get(path, token, "Prefer", "respond-async");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return accepted.headers().firstValue("Content-Location").orElseThrow();
	}

	private JsonNode manifest(String status) throws Exception {
		HttpResponse<String> done = Eventually.value(Duration.ofMinutes(5), "the export to finish (200 with its manifest)", () -> {
			HttpResponse<String> poll = get(status, token);
			if (poll.statusCode() != 200) {
				assertThat(poll.statusCode()).as(poll.body()).isEqualTo(202);
				assertThat(poll.headers().firstValue("X-Progress")).isPresent();
			}
			return poll;
		}, poll -> poll.statusCode() == 200);
		return json.readTree(done.body());
	}

	/** Downloads every file and parses every line as the declared type; counts per type. */
	private Map<String, Set<String>> download(JsonNode manifest) throws Exception {
		FhirContext fhir = FhirContext.forR4Cached();
		Map<String, Set<String>> ids = new HashMap<>();
		for (JsonNode output : manifest.get("output")) {
			String type = output.get("type").asString();
			HttpResponse<String> file = get(output.get("url").asString(), token);
			assertThat(file.statusCode()).isEqualTo(200);
			assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
			String[] lines = file.body().split("\n");
			assertThat(lines).hasSize(output.get("count").asInt());
			for (String line : lines) {
				IBaseResource resource = fhir.newJsonParser().parseResource(line);
				assertThat(resource.fhirType()).isEqualTo(type);
				assertThat(ids.computeIfAbsent(type, k -> new HashSet<>()).add(resource.getIdElement().getIdPart()))
					.as("each resource once").isTrue();
			}
		}
		return ids;
	}

	@Test
	void theWholeDemoDataExportsAsNdjsonOfTheDeclaredTypes() throws Exception {
		JsonNode manifest = manifest(kickOff("/fhir/$export"));
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("transactionTime").asString()).isNotBlank();
		Map<String, Set<String>> ids = download(manifest);
		assertThat(ids.keySet()).contains("Patient", "Condition", "Coverage", "Encounter", "EpisodeOfCare", "CarePlan", "Goal",
				"Task", "QuestionnaireResponse", "Communication", "MedicationStatement", "AllergyIntolerance", "Practitioner",
				"Organization", "Questionnaire", "Group", "MedicationRequest", "MedicationDispense", "Appointment", "Claim",
				"ClaimResponse", "CoverageEligibilityRequest", "CoverageEligibilityResponse");
		assertThat(ids.get("Patient")).hasSize(jdbc.sql("select count(*) from patient where not voided").query(Long.class).single().intValue());
		// a diagnosis labelled 42 CFR Part 2 is not exported to a system no consent names
		assertThat(ids.get("Condition")).hasSize(jdbc.sql("select count(*) from patient_condition where not voided and not part2")
			.query(Long.class).single().intValue());
		assertThat(ids.get("Encounter")).hasSize(jdbc.sql("select count(*) from encounter").query(Long.class).single().intValue());
		// the export read the data as the client: audited under its name
		assertThat(jdbc.sql("select count(*) from audit_event where actor like 'system:api:%' and resource_type = 'Patient' and action = 'READ'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(ids.get("Patient").size());
	}

	@Test
	void patientAndGroupExportsHoldOnlyWhatWasAskedFor() throws Exception {
		Map<String, Set<String>> some = download(manifest(kickOff("/fhir/Patient/$export?_type=Patient,Condition")));
		assertThat(some.keySet()).containsExactlyInAnyOrder("Patient", "Condition");

		String program = jdbc.sql("select id::text from program where name = 'Chronic care management'").query(String.class).single();
		List<String> members = jdbc.sql("select distinct patient_id::text from care_case where program_id = ?::uuid and status = 'ACTIVE'")
			.param(program).query(String.class).list();
		Map<String, Set<String>> group = download(manifest(kickOff("/fhir/Group/" + program + "/$export?_type=Patient,EpisodeOfCare")));
		assertThat(group.get("Patient")).containsExactlyInAnyOrderElementsOf(members);
		assertThat(group.get("EpisodeOfCare")).isNotEmpty();
	}

	@Test
	void exportsAreRefusedCancelledAndKeptFromOtherClients() throws Exception {
		assertThat(get("/fhir/$export", token).statusCode()).as("without Prefer: respond-async").isEqualTo(400);
		assertThat(get("/fhir/$export", null, "Prefer", "respond-async").statusCode()).isEqualTo(401);
		assertThat(get("/fhir/$export?_type=Nonsense", token, "Prefer", "respond-async").statusCode()).isEqualTo(400);
		ApiClients.Credentials registry = Tokens.register(new Actors(users), clients, "Registry " + UUID.randomUUID(), "system/Patient.rs");
		String narrow = Tokens.accessToken(port, registry, "system/Patient.rs");
		assertThat(get("/fhir/$export", narrow, "Prefer", "respond-async").statusCode()).as("scopes cover Patient only").isEqualTo(403);

		String status = kickOff("/fhir/$export?_type=Patient");
		// another client cannot see or cancel it
		assertThat(get(status, narrow).statusCode()).isEqualTo(404);
		HttpResponse<String> cancelled = http.send(HttpRequest.newBuilder(URI.create(status)).header("Authorization", "Bearer " + token)
			.DELETE().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(cancelled.statusCode()).isEqualTo(202);
		Eventually.value("the cancelled export to be gone (404)", () -> get(status, token).statusCode(), code -> code == 404);
		String job = status.substring(status.lastIndexOf('/') + 1);
		assertThat(jdbc.sql("select count(*) from bulk_export_job where id = ?::uuid").param(job).query(Long.class).single())
			.as("the cancelled job").isZero();
		assertThat(jdbc.sql("select count(*) from bulk_export_file where job_id = ?::uuid").param(job).query(Long.class).single())
			.as("files of the cancelled job").isZero();
		assertThat(jdbc.sql("select count(*) from bulk_export_file f join bulk_export_job j on j.id = f.job_id where j.request_url like '%_type=Patient' and j.status = 'CANCELLED'")
			.query(Long.class).single()).isZero();
	}
}
