package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finding 1: a large bundle goes through an asynchronous job (202, progress, a result per entry, cancel) committed
 * in chunks; matching reads nobody's record, so it writes no read events; each entry is audited once; in a batch
 * an invalid entry is refused alone.
 */
class BundleImportJobIT extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private record Client(String id, FhirHttp fhir) {
	}

	private List<String> patients(String family, int count) {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < count; i++) entries.add(patientEntry(family, "G" + i, "1950-02-03", "female", family + "-" + i, null));
		return entries;
	}

	@Test
	void aClientRevokedWhileItsImportRunsImportsNothingMore() throws Exception {
		Client ehr = ehr();
		String family = "Revoked" + UUID.randomUUID().toString().substring(0, 6);
		String path = location(ehr.fhir().post("/fhir", batch(patients(family, 3000)), "Prefer", "respond-async"));
		new Actors(users).run("admin", () -> clients.revoke(ehr.id()));
		HttpResponse<String> ended = Eventually.value(java.time.Duration.ofMinutes(5), "the revoked client's import to stop",
				() -> ehr.fhir().get(path), r -> r.statusCode() != 202);
		// its token still reads the status (tokens live five minutes): the job stopped and says why
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(422);
		assertThat(ended.body()).contains("revoked");
		assertThat(count("select count(*) from patient where family_name = ?", family)).isLessThan(3000);
	}

	@Test
	void aClientHasAtMostThreeImportsUnfinished() throws Exception {
		Client ehr = ehr();
		String family = "Quota" + UUID.randomUUID().toString().substring(0, 6);
		List<Integer> answers = new ArrayList<>();
		for (int job = 0; job < 4; job++) {
			answers.add(ehr.fhir().post("/fhir", batch(patients(family + job, 1500)), "Prefer", "respond-async").statusCode());
		}
		assertThat(answers.subList(0, 3)).containsOnly(202);
		assertThat(answers.get(3)).isEqualTo(429);
	}

	private Client ehr() throws Exception {
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "Onboarding " + UUID.randomUUID(),
				"system/*.cruds");
		return new Client(ehr.clientId(), new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds")));
	}

	private static String patientEntry(String family, String given, String birthDate, String sex, String identifier, String phone) {
		String ids = identifier == null ? "" : "\"identifier\":[{\"system\":\"urn:test:onboarding\",\"value\":\"" + identifier + "\"}],";
		String telecom = phone == null ? "" : ",\"telecom\":[{\"system\":\"phone\",\"value\":\"" + phone + "\"}]";
		return """
				{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient",%s"name":[{"family":"%s","given":["%s"]}],
				 "gender":"%s","birthDate":"%s"%s},"request":{"method":"POST","url":"Patient"}}"""
			.formatted(UUID.randomUUID(), ids, family, given, sex, birthDate, telecom);
	}

	private static String batch(List<String> entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aLargeBundleIsImportedAsABackgroundJobWithAResultPerEntry() throws Exception {
		Client ehr = ehr();
		String family = "Onboard" + UUID.randomUUID().toString().substring(0, 6);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			entries.add(patientEntry(family, "Given" + i, "1940-01-" + String.format("%02d", i % 28 + 1),
					i % 2 == 0 ? "female" : "male", family + "-" + i, null));
		}
		entries.add(patientEntry(family, "Future", Today.date().plusYears(2).toString(), "female", family + "-f", null));
		// a demo patient sent again without identifiers: found by demographics, matched without reading anyone
		var demo = jdbc.sql("select family_name, given_name, birth_date::text, sex, phone from patient where phone is not null order by id limit 1")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))).single();
		String sex = switch (demo.get(3)) {
			case "F" -> "female";
			case "M" -> "male";
			default -> "unknown";
		};
		entries.add(patientEntry(demo.get(0), demo.get(1), demo.get(2), sex, null, demo.get(4)));

		HttpResponse<String> kickoff = ehr.fhir().post("/fhir", batch(entries), "Prefer", "respond-async");
		assertThat(kickoff.statusCode()).as(kickoff.body()).isEqualTo(202);
		String status = kickoff.headers().firstValue("Content-Location").orElseThrow();
		String path = status.substring(status.indexOf("/fhir-import/"));
		assertThat(ehr().fhir().get(path).statusCode()).as("another client's job").isEqualTo(404);

		HttpResponse<String> done = poll(ehr.fhir(), path);
		JsonNode result = JSON.readTree(done.body());
		assertThat(result.get("type").asString()).isEqualTo("batch-response");
		List<String> statuses = new ArrayList<>();
		for (JsonNode entry : result.get("entry")) statuses.add(entry.get("response").get("status").asString());
		assertThat(statuses).hasSize(602);
		assertThat(statuses.subList(0, 600)).allMatch(s -> s.startsWith("201"));
		assertThat(statuses.get(600)).startsWith("400");
		assertThat(statuses.get(601)).startsWith("200");
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(600);

		String actor = "system:api:" + ehr.id();
		assertThat(count("select count(*) from audit_event where actor = ? and action = 'READ'", actor)).isZero();
		assertThat(count("select count(*) from audit_event where actor = ? and action = 'IMPORT' and resource_type = 'Patient'", actor))
			.isEqualTo(602);
		assertThat(count("select count(*) from audit_event where actor = ? and action = 'IMPORT' and resource_type = 'Patient' "
				+ "and outcome = 'FAILED' and detail like 'refused: %future%'", actor)).isEqualTo(1);

		// the same bundle again: everything is found, nothing doubled
		HttpResponse<String> again = poll(ehr.fhir(), location(ehr.fhir().post("/fhir", batch(entries), "Prefer", "respond-async")));
		List<String> second = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(again.body()).get("entry")) second.add(entry.get("response").get("status").asString());
		assertThat(second.subList(0, 600)).allMatch(s -> s.startsWith("200"));
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(600);
	}

	@Test
	void aJobCanBeCancelledAndWhatItImportedStays() throws Exception {
		Client ehr = ehr();
		String family = "Cancel" + UUID.randomUUID().toString().substring(0, 6);
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 800; i++) entries.add(patientEntry(family, "G" + i, "1950-02-03", "female", family + "-" + i, null));
		String path = location(ehr.fhir().post("/fhir", batch(entries), "Prefer", "respond-async"));
		assertThat(ehr.fhir().delete(path).statusCode()).isEqualTo(202);
		HttpResponse<String> after = ehr.fhir().get(path);
		if (after.statusCode() == 404) {
			// it had finished before the cancel arrived: the cancel deleted the ended job
			assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(800);
			return;
		}
		HttpResponse<String> ended = poll(ehr.fhir(), path);
		assertThat(ended.headers().firstValue("X-Progress").orElse("")).startsWith("cancelled after");
		int results = JSON.readTree(ended.body()).path("entry").size();
		assertThat(results).isLessThan(800);
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(results);
		// a second DELETE removes the ended job
		assertThat(ehr.fhir().delete(path).statusCode()).isEqualTo(202);
		assertThat(ehr.fhir().get(path).statusCode()).isEqualTo(404);
	}

	@Test
	void inASynchronousBatchAnInvalidEntryIsRefusedAlone() throws Exception {
		Client ehr = ehr();
		String family = "Sync" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> response = ehr.fhir().post("/fhir", batch(List.of(
				patientEntry(family, "One", "1960-01-01", "female", family + "-1", null),
				patientEntry(family, "Two", "1960-01-01", "female", family + "-2", "<b>555</b>"),
				patientEntry(family, "Three", "1960-01-01", "female", family + "-3", null))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> statuses = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(response.body()).get("entry")) statuses.add(entry.get("response").get("status").asString());
		assertThat(statuses).containsExactly("201 Created", "400 Bad Request", "201 Created");
		assertThat(count("select count(*) from patient where family_name = ?", family)).isEqualTo(2);
	}

	private static String location(HttpResponse<String> kickoff) {
		assertThat(kickoff.statusCode()).as(kickoff.body()).isEqualTo(202);
		String status = kickoff.headers().firstValue("Content-Location").orElseThrow();
		return status.substring(status.indexOf("/fhir-import/"));
	}

	/** Polls the status URL until the job has ended (a generous deadline: no timing is asserted). */
	private static HttpResponse<String> poll(FhirHttp fhir, String path) {
		HttpResponse<String> ended = Eventually.value(java.time.Duration.ofMinutes(5), "the import at " + path + " to end", () -> {
			HttpResponse<String> status = fhir.get(path);
			if (status.statusCode() == 202) {
				assertThat(status.headers().firstValue("X-Progress").orElse("")).matches("\\d+ of \\d+ entries");
			}
			return status;
		}, status -> status.statusCode() != 202);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		return ended;
	}
}
