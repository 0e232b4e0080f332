package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Findings 5, 6 and 8 over FHIR: what a careless client sends gets a 4xx OperationOutcome in plain words and
 * nothing is stored; a partial birth date is kept with its precision and served back as sent.
 */
class FhirInputIT extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private FhirHttp fhir;

	@BeforeEach
	void registerClient() throws Exception {
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "Input probe " + UUID.randomUUID(),
				"system/*.cruds");
		fhir = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));
	}

	private static String patient(String family, String birthDate, String extra) {
		return """
				{"resourceType":"Patient","identifier":[{"system":"urn:test:input","value":"%s"}],
				 "name":[{"use":"official","family":"%s","given":["Iris"]}],"gender":"female","birthDate":"%s"%s}"""
			.formatted(UUID.randomUUID(), family, birthDate, extra);
	}

	private long patientsNamed(String family) {
		return jdbc.sql("select count(*) from patient where family_name = ?").param(family).query(Long.class).single();
	}

	private static void assertOutcome(HttpResponse<String> response, int status, String words) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).contains("OperationOutcome").containsIgnoringCase(words);
	}

	@Test
	void aBirthDateOfOnlyAYearOrAMonthIsKeptAsPreciselyAsItWasSent() throws Exception {
		for (String birthDate : new String[] { "1950", "1950-05", "1950-05-17" }) {
			HttpResponse<String> created = fhir.post("/fhir/Patient", patient("Precision", birthDate, ""));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String id = JSON.readTree(created.body()).get("id").asString();
			JsonNode read = JSON.readTree(fhir.get("/fhir/Patient/" + id).body());
			assertThat(read.get("birthDate").asString()).isEqualTo(birthDate);
		}
	}

	@Test
	void impossibleOrHostileValuesAreRefusedAndNothingIsStored() {
		String tomorrowish = Today.date().plusDays(3).toString();
		assertOutcome(fhir.post("/fhir/Patient", patient("Future", tomorrowish, "")), 400, "future");
		assertThat(patientsNamed("Future")).isZero();

		assertOutcome(fhir.post("/fhir/Patient", patient("Nul\\u0000Byte", "1950-01-01", "")), 400, "NUL");
		assertOutcome(fhir.post("/fhir/Patient", patient("Half\\ud800", "1950-01-01", "")), 400, "surrogate");
		assertOutcome(fhir.post("/fhir/Patient", patient("Markup", "1950-01-01",
				",\"telecom\":[{\"system\":\"phone\",\"value\":\"<script>alert(1)</script>\"}]")), 400, "phone");
		assertOutcome(fhir.post("/fhir/Patient", patient("Markup", "1950-01-01",
				",\"telecom\":[{\"system\":\"email\",\"value\":\"a@b.example<img src=x>\"}]")), 400, "e-mail");
		assertThat(patientsNamed("Markup")).isZero();

		String huge = "X".repeat(100_000);
		assertOutcome(fhir.post("/fhir/Patient", patient(huge, "1950-01-01", "")), 422, "at most");
		StringBuilder many = new StringBuilder(",\"telecom\":[{\"system\":\"phone\",\"value\":\"614-555-0100\"}]");
		StringBuilder ids = new StringBuilder();
		for (int i = 0; i < 60; i++) ids.append(i == 0 ? "" : ",").append("{\"system\":\"urn:test:many\",\"value\":\"").append(UUID.randomUUID()).append("\"}");
		String manyIds = patient("Manyids", "1950-01-01", many.toString()).replaceFirst("\"identifier\":\\[[^\\]]*\\]", "\"identifier\":[" + ids + "]");
		assertOutcome(fhir.post("/fhir/Patient", manyIds), 422, "at most 50");
		assertThat(patientsNamed("Manyids")).isZero();
		String long300 = "Y".repeat(300);
		assertOutcome(fhir.post("/fhir/Patient", patient(long300, "1950-01-01", "")), 422, "family name is too long");
		assertThat(patientsNamed(long300)).isZero();
	}

	@Test
	void onlyTransactionAndBatchBundlesArePostedAndASynchronousBundleIsBounded() throws Exception {
		String searchset = """
				{"resourceType":"Bundle","type":"searchset","entry":[{"resource":%s}]}""".formatted(patient("Searchset", "1950-01-01", ""));
		assertOutcome(fhir.post("/fhir", searchset), 400, "transaction or batch");
		assertThat(patientsNamed("Searchset")).isZero();

		StringBuilder entries = new StringBuilder();
		for (int i = 0; i < 1001; i++) {
			if (i > 0) entries.append(',');
			entries.append("{\"resource\":").append(patient("Toomany", "1950-01-01", ""))
				.append(",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
		}
		HttpResponse<String> tooMany = fhir.post("/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}");
		assertOutcome(tooMany, 422, "Prefer: respond-async");
		assertThat(patientsNamed("Toomany")).isZero();

		byte[] big = new byte[65 * 1024 * 1024];
		java.util.Arrays.fill(big, (byte) ' ');
		assertOutcome(fhir.post("/fhir", big), 413, "larger than");
	}

	private static byte[] gzip(byte[] plain) throws java.io.IOException {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
			zip.write(plain);
		}
		return out.toByteArray();
	}

	@Test
	void aCompressedBodyIsCountedAsItInflates() throws Exception {
		// 200 MB of blanks compressed to a few hundred KB: refused while it inflates, before any parsing or sign-in
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
			byte[] blanks = new byte[1 << 20];
			java.util.Arrays.fill(blanks, (byte) ' ');
			for (int i = 0; i < 200; i++) zip.write(blanks);
		}
		byte[] bomb = out.toByteArray();
		assertThat(bomb.length).isLessThan(1_000_000);
		FhirHttp anonymous = new FhirHttp(port, null);
		assertOutcome(anonymous.post("/fhir/Patient", bomb, "Content-Encoding", "gzip"), 413, "larger than");
		assertOutcome(fhir.post("/fhir", bomb, "Content-Encoding", "gzip"), 413, "larger than");
		// a real compressed patient is taken
		HttpResponse<String> created = fhir.post("/fhir/Patient", gzip(patient("Zipped", "1950-01-01", "").getBytes(
				java.nio.charset.StandardCharsets.UTF_8)), "Content-Encoding", "gzip");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertOutcome(fhir.post("/fhir/Patient", patient("Notzipped", "1950-01-01", ""), "Content-Encoding", "gzip"), 400, "gzip");
		assertOutcome(fhir.post("/fhir/Patient", patient("Brotli", "1950-01-01", ""), "Content-Encoding", "br"), 415, "gzip");
		assertThat(patientsNamed("Notzipped") + patientsNamed("Brotli")).isZero();
	}

	@Test
	void aFilterCaremapDoesNotTakeIsRefusedInsteadOfIgnored() {
		assertOutcome(fhir.get("/fhir/Patient?_has:Condition:patient:code=I10"), 400, "not supported");
		assertThat(fhir.get("/fhir/Patient?shoeSize=42").statusCode()).isEqualTo(400);
		assertThat(fhir.get("/fhir/Patient?family=Quennell&_count=5").statusCode()).isEqualTo(200);
		HttpResponse<String> export = fhir.getWith("/fhir/Patient/$export?_typeFilter=Patient%3Fgender%3Dmale", "Prefer", "respond-async");
		assertOutcome(export, 400, "_typeFilter");
	}

	@Test
	void everySearchIsPagedWhateverCountIsAskedFor() throws Exception {
		JsonNode capability = JSON.readTree(fhir.get("/fhir/metadata").body());
		int searched = 0;
		for (JsonNode resource : capability.get("rest").get(0).get("resource")) {
			boolean searchable = false;
			for (JsonNode interaction : resource.path("interaction")) searchable |= "search-type".equals(interaction.get("code").asString());
			if (!searchable) continue;
			String type = resource.get("type").asString();
			HttpResponse<String> page = fhir.get("/fhir/" + type + "?_count=1000000");
			assertThat(page.statusCode()).as(type + ": " + page.body()).isEqualTo(200);
			JsonNode bundle = JSON.readTree(page.body());
			// the matches of the page (an outcome entry, e.g. Part 2 resources withheld, is not one)
			int shown = 0;
			for (JsonNode entry : bundle.path("entry")) {
				if (!"outcome".equals(entry.path("search").path("mode").asString(""))) shown++;
			}
			assertThat(shown).as(type).isLessThanOrEqualTo(500);
			long total = bundle.path("total").asLong(shown);
			if (total > shown) {
				boolean next = false;
				for (JsonNode link : bundle.path("link")) next |= "next".equals(link.get("relation").asString());
				assertThat(next).as(type + " has more than a page and a next link").isTrue();
			}
			searched++;
		}
		assertThat(searched).isGreaterThan(10);
	}
}
