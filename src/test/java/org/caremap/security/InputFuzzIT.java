package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.identity.ApiClients;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A bounded fuzz of what clients send (seeded; the seed is printed, {@code -Dcaremap.fuzz.seed=N} repeats a run):
 * every form of every page with hostile values in every field (NUL, huge, markup, half a surrogate pair, odd
 * numbers and dates), and FHIR JSON that is malformed, deeply nested, oddly dated, wrongly typed or huge. No answer
 * may be 500 or more, and nothing is half-written: a resource refused is not stored. HL7 over MLLP is fuzzed by
 * {@code AdtFuzzIT}.
 */
class InputFuzzIT extends IntegrationTest {

	private static final String[] HOSTILE = { "\u0000", "x\u0000y", "Z".repeat(25_000), "<script>alert(1)</script>",
			"\"><img src=x onerror=alert(1)>", "' or 1=1 --", "%ED%A0%80", "-1", "99999999999999999999", "NaN", "1e309",
			"2026-02-30", "0000-00-00", "9999-12-31T99:99", "../../etc/passwd", "\u202Eevil", "😀🏥", "", " ", "null",
			"[]", "{}", "true", UUID.randomUUID().toString(), "\r\n\tInjected: header" };

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Organizations organizations;
	@Autowired PatientRegistry registry;
	@Autowired CareRelationships relationships;
	@Autowired ApiClients clients;
	@Autowired JdbcClient jdbc;

	private static long seed() {
		return Long.getLong("caremap.fuzz.seed", System.nanoTime());
	}

	@Test
	void everyFormTakesHostileValuesWithoutAServerError() {
		long seed = seed();
		System.out.println("InputFuzzIT forms seed " + seed + " (repeat with -Dcaremap.fuzz.seed=" + seed + ")");
		SplittableRandom random = new SplittableRandom(seed);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String password = "fuzz-" + UUID.randomUUID();
		UserView manager = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("fuzz.cm." + suffix,
				"Fuzz Case Manager", null, java.util.Set.of(Role.CASE_MANAGER, Role.SUPERVISOR, Role.INTAKE), password, false)));
		SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("fuzz.admin." + suffix, "Fuzz Admin",
				null, java.util.Set.of(Role.ADMIN), password, false)));
		PatientId patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Fuzzed" + suffix);
		SystemActor.run("test", List.of("SYSTEM"), () -> relationships.open(manager.id(), patient, RelationshipKind.CASE_MANAGER, "fuzz"));
		Browserless clinician = client();
		assertThat(Browserless.location(clinician.login("fuzz.cm." + suffix, password))).doesNotContain("error");
		Browserless admin = client();
		assertThat(Browserless.location(admin.login("fuzz.admin." + suffix, password))).doesNotContain("error");

		List<String> fields = List.of("name", "familyName", "givenName", "birthDate", "sex", "phone", "email", "reason", "text",
				"note", "description", "summary", "section", "format", "action", "minutes", "priority", "version", "due", "dueOn",
				"code", "value", "title", "outcome", "type", "direction", "with", "acuity", "until", "case", "to", "owner",
				"preferredLanguage", "relationship", "payer", "memberId", "effectiveFrom", "contactEveryDays", "username",
				"password", "zone", "day", "q", "sort", "status", "urgency", "instrument", "template", "target", "term");
		List<String> failures = new ArrayList<>();
		int requests = 0;
		for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
			for (String pattern : e.getKey().getPatternValues()) {
				boolean post = e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.POST);
				if (!post || pattern.startsWith("/api/") || pattern.startsWith("/fhir") || pattern.startsWith("/error")) continue;
				String url = pattern.replaceFirst("^/patients/\\{[^}]+}", "/patients/" + patient)
					.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				Browserless as = pattern.startsWith("/admin/") ? admin : clinician;
				for (int round = 0; round < 3; round++) {
					StringBuilder body = new StringBuilder();
					for (String field : fields) {
						if (random.nextInt(3) == 0) continue;
						String value = HOSTILE[random.nextInt(HOSTILE.length)];
						// "%ED%A0%80" is sent as raw bytes: half a surrogate pair, which UTF-8 cannot hold
						String encoded = value.equals("%ED%A0%80") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
						body.append(field).append('=').append(encoded).append('&');
					}
					as.get("/login");
					HttpResponse<String> response = as.postEncoded(url, body.toString() + "_x=1");
					requests++;
					if (response.statusCode() >= 500) failures.add("POST " + pattern + ": " + response.statusCode());
				}
			}
		}
		System.out.printf("InputFuzzIT: %d hostile form posts, %d server errors%n", requests, failures.size());
		assertThat(failures).isEmpty();
		assertThat(requests).isGreaterThan(150);
		// a person's record holds no NUL: PostgreSQL would have refused it, and the page must have refused it first
		assertThat(jdbc.sql("select count(*) from patient where family_name like 'Fuzzed" + suffix + "%' and given_name <> 'Test'")
			.query(Long.class).single()).isZero();
	}

	@Test
	void fhirTakesMalformedNestedOddAndHugeJsonWithoutAServerError() throws Exception {
		long seed = seed();
		System.out.println("InputFuzzIT FHIR seed " + seed + " (repeat with -Dcaremap.fuzz.seed=" + seed + ")");
		SplittableRandom random = new SplittableRandom(seed);
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "Fuzz " + UUID.randomUUID(), "system/*.cruds");
		FhirHttp fhir = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));
		String marker = "Fuzz" + UUID.randomUUID().toString().substring(0, 8);
		List<String> bodies = new ArrayList<>();
		String good = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:fuzz\",\"value\":\"%s\"}],"
				+ "\"name\":[{\"family\":\"" + marker + "\",\"given\":[\"%s\"]}],\"gender\":\"%s\",\"birthDate\":\"%s\"}";
		String[] dates = { "1950", "1950-05", "1950-05-17", "1950-13-01", "1950-02-30", "0000", "-001", "19500517", "1950-05-17T10:00:00Z",
				"", "null", "9999-12-31", "1950-5-7", "２０２０" };
		String[] genders = { "female", "male", "other", "unknown", "FEMALE", "", "x", "1" };
		for (int i = 0; i < 40; i++) {
			String given = HOSTILE[random.nextInt(HOSTILE.length)].replace("\\", "\\\\").replace("\"", "\\\"")
				.replace("\u0000", "\\u0000").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
			bodies.add(good.formatted(UUID.randomUUID(), given, genders[random.nextInt(genders.length)], dates[random.nextInt(dates.length)]));
		}
		String base = good.formatted(UUID.randomUUID(), "Iris", "female", "1950-01-01");
		for (int cut = 1; cut < base.length(); cut += 1 + random.nextInt(12)) bodies.add(base.substring(0, cut));
		bodies.add("[".repeat(20_000) + "]".repeat(20_000));
		bodies.add("{\"resourceType\":\"Patient\",\"extension\":" + "[{\"url\":\"urn:x\",\"extension\":".repeat(2_000) + "[]"
				+ "}]".repeat(2_000) + "}");
		bodies.add("{\"resourceType\":\"Patient\",\"name\":\"not an array\"}");
		bodies.add("{\"resourceType\":\"Patient\",\"birthDate\":19500101}");
		bodies.add("{\"resourceType\":\"Nonsense\"}");
		bodies.add("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"resourceType\":\"Patient\"}}]}");
		bodies.add("<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"" + marker + "\u0000\"/></name></Patient>");
		bodies.add("\u0000\u0001\u0002");
		bodies.add("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "Q".repeat(2_000_000) + "\"}]}");
		List<String> failures = new ArrayList<>();
		int created = 0;
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (String body : bodies) {
			for (String path : List.of("/fhir/Patient", "/fhir")) {
				HttpResponse<String> response = fhir.post(path, body);
				statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
				if (response.statusCode() >= 500) failures.add(path + " " + response.statusCode() + " for "
						+ body.substring(0, Math.min(80, body.length())));
				if (response.statusCode() == 201) created++;
				if (response.statusCode() == 200 && path.equals("/fhir")) {
					created += (int) response.body().split("\"201 Created\"", -1).length - 1;
				}
			}
		}
		System.out.printf("InputFuzzIT: %d hostile FHIR bodies, answers %s%n", bodies.size() * 2, statuses);
		assertThat(failures).isEmpty();
		// nothing half-written: the patients stored are exactly those answered as created
		assertThat(jdbc.sql("select count(*) from patient where family_name = ?").param(marker).query(Long.class).single())
			.isEqualTo(created);
	}
}
