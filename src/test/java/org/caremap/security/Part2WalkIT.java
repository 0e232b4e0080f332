package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.access.DisclosureConsents;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.Notes;
import org.caremap.identity.ApiClients;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security suite's Part 2 walk (issue 23, acceptance 1): a patient in a 42 CFR Part 2 program and in a standard
 * one, with records of the Part 2 case whose texts carry a marker word (a note, a task, a care-plan problem, the
 * program's name itself). Every chart page a signed-in person can ask for (found from the application's routes, so a
 * new page is walked without editing this test) is asked for by the standard program's case manager: none shows
 * the marker, and a page of one Part 2 record is refused; the Part 2 case manager sees the marker. On FHIR every
 * search by patient of every resource type the server offers is asked by a system outside (no marker, the withheld
 * counted in an outcome entry) and by a system the patient's consent names (the marker, the resources labelled,
 * the notice); a Group export by the outside system leaves them out too, and says so in the manifest's errors.
 */
class Part2WalkIT extends IntegrationTest {

	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired Notes notes;
	@Autowired Tasks tasks;
	@Autowired CarePlans plans;
	@Autowired DisclosureConsents consents;
	@Autowired ApiClients clients;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void nobodyOutsideTheProgramSeesItsRecordsOnAnyPageOrInFhir() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String marker = "Zqx" + suffix;
		String password = "p2walk-" + UUID.randomUUID();
		UserView inside = user("p2walk.in." + suffix, "Inez Walker", password);
		UserView outside = user("p2walk.out." + suffix, "Oscar Walker", password);
		ProgramView recovery = program("Recovery " + marker, Confidentiality.PART2, ProgramType.SUBSTANCE_USE);
		ProgramView complex = program("Complex walk " + suffix, Confidentiality.STANDARD, ProgramType.COMPLEX_CARE);
		PatientId patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Walked" + suffix);
		LocalDate today = organizations.today();
		CaseId part2Case = enrol(patient, recovery, inside, today);
		enrol(patient, complex, outside, today);
		Actors actors = new Actors(users);
		Map<String, UUID> part2Ids = new LinkedHashMap<>();
		part2Ids.put("caseId", part2Case.value());
		actors.run(inside.username(), () -> {
			UUID note = notes.draft(patient, part2Case, new NoteContent(NoteFormat.SOAP,
					List.of("Cravings " + marker, "Screen negative", "Stable", "Weekly group"), null, null, null));
			notes.sign(note);
			part2Ids.put("note", note);
			part2Ids.put("task", tasks.create(new NewTask(patient, part2Case, TaskType.OTHER, "Refill " + marker, null,
					inside.id(), null, TaskPriority.ROUTINE, null, Instant.now().plus(Duration.ofDays(2)), null)).value());
			CarePlanView plan = plans.open(part2Case);
			plans.save(plan.id(), plan.version(), new CarePlanContent(List.of(new CarePlanContent.Problem(UUID.randomUUID(),
					"Opioid use " + marker, null, null, null, CarePlanContent.ProblemStatus.ACTIVE, null, Map.of())),
					List.of(), List.of(), List.of()), "Recovery plan");
			part2Ids.put("plan", plan.id());
		});
		// the outside case manager's own note, which they must keep seeing
		String own = "Ownnote" + suffix;
		actors.run(outside.username(), () -> notes.sign(notes.draft(patient, null, new NoteContent(NoteFormat.SOAP,
				List.of(own, "o", "a", "p"), null, null, null))));

		// every chart page, as the one outside and as the one inside
		Browserless out = client();
		assertThat(Browserless.location(out.login(outside.username(), password))).doesNotContain("error");
		Browserless in = client();
		assertThat(Browserless.location(in.login(inside.username(), password))).doesNotContain("error");
		List<String> leaks = new ArrayList<>();
		List<String> walked = new ArrayList<>();
		boolean insideSawIt = false;
		boolean outsideSawOwn = false;
		for (String pattern : chartPages()) {
			String url = fill(pattern, patient, part2Ids);
			if (url == null) continue;
			walked.add(url);
			HttpResponse<String> seen = out.get(url);
			assertThat(seen.statusCode()).as("GET " + url + " as the one outside").isLessThan(500);
			if (seen.body().contains(marker)) leaks.add(url + " (" + seen.statusCode() + ")");
			boolean oneRecord = part2Ids.values().stream().anyMatch(id -> url.contains(id.toString()));
			if (oneRecord && seen.statusCode() == 200) leaks.add(url + " answered 200 for one Part 2 record");
			if (seen.body().contains(own)) outsideSawOwn = true;
			HttpResponse<String> theirs = in.get(url);
			if (theirs.statusCode() == 200 && theirs.body().contains(marker)) insideSawIt = true;
		}
		assertThat(walked).as("chart pages walked").hasSizeGreaterThan(20);
		assertThat(leaks).as("pages showing Part 2 records to someone outside the program").isEmpty();
		assertThat(insideSawIt).as("the program's case manager sees its records").isTrue();
		assertThat(outsideSawOwn).as("the one outside still sees their own records").isTrue();
		// the chart says records are withheld, and offers emergency access
		assertThat(out.get("/patients/" + patient).body()).contains("id=\"part2-withheld\"").contains("part2-glass-form");

		// FHIR: a system outside, and a system the patient's consent names
		String outsideToken = token("Outside analytics " + suffix);
		ApiClients.Credentials named = Tokens.register(actors, clients, "Recovery payer " + suffix, "system/*.rs");
		String namedToken = Tokens.accessToken(port, named, "system/*.rs");
		actors.run(inside.username(), () -> consents.record(patient, new DisclosureConsents.NewConsent(
				DisclosureConsents.RecipientKind.API_CLIENT, null, named.clientId(), "Recovery payer", DisclosureConsents.Purpose.PAYMENT,
				null, "Claims-related records", today, today.plusMonths(3), today, "the patient")));
		List<String> fhirLeaks = new ArrayList<>();
		int withheldSaid = 0;
		boolean namedSawIt = false;
		boolean labelled = false;
		boolean notice = false;
		for (String type : searchableByPatient(outsideToken)) {
			String url = "/fhir/" + type + "?patient=" + patient + "&_count=200";
			HttpResponse<String> seen = fhir(url, outsideToken);
			assertThat(seen.statusCode()).as("GET " + url + " outside").isLessThan(500);
			// the audit trail names what was done to which record, by id, for the security officer's systems: no content
			boolean audit = type.equals("AuditEvent");
			if (seen.body().contains(marker)
					|| !audit && part2Ids.values().stream().anyMatch(id -> seen.body().contains(id.toString()))) {
				fhirLeaks.add(url);
			}
			if (seen.body().contains("\"suppressed\"")) withheldSaid++;
			HttpResponse<String> theirs = fhir(url, namedToken);
			if (theirs.body().contains(marker)) namedSawIt = true;
			if (theirs.body().contains("42CFRPart2")) labelled = true;
			if (theirs.body().contains("42 CFR part 2). These rules prohibit")) notice = true;
		}
		assertThat(fhirLeaks).as("FHIR searches showing Part 2 records to a system outside").isEmpty();
		assertThat(withheldSaid).as("searches that say they withheld resources").isGreaterThan(0);
		assertThat(namedSawIt).as("the consented system sees them").isTrue();
		assertThat(labelled).as("labelled 42CFRPart2").isTrue();
		assertThat(notice).as("with the notice against redisclosure").isTrue();
		assertThat(fhir("/fhir/Task/" + part2Ids.get("task"), outsideToken).statusCode()).as("one Part 2 task, outside").isEqualTo(403);
		assertThat(fhir("/fhir/Task/" + part2Ids.get("task"), namedToken).body()).contains("42CFRPart2");

		// a Group export of the standard program by the system outside leaves them out, and says so
		HttpResponse<String> accepted = fhir("/fhir/Group/" + complex.id() + "/$export?_type=Task,CarePlan", outsideToken,
				"Prefer", "respond-async");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();
		HttpResponse<String> done = Eventually.value(Duration.ofMinutes(3), "the export to finish",
				() -> fhir(status, outsideToken), r -> r.statusCode() == 200);
		JsonNode manifest = json.readTree(done.body());
		StringBuilder exported = new StringBuilder();
		for (JsonNode file : manifest.get("output")) exported.append(fhir(file.get("url").asString(), outsideToken).body());
		StringBuilder errors = new StringBuilder();
		for (JsonNode file : manifest.get("error")) errors.append(fhir(file.get("url").asString(), outsideToken).body());
		assertThat(exported.toString()).doesNotContain(marker).doesNotContain(part2Ids.get("task").toString());
		assertThat(errors.toString()).contains("suppressed").contains("42 CFR Part 2");
	}

	private UserView user(String username, String name, String password) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, name, null,
				Set.of(Role.CASE_MANAGER), password, false)));
	}

	private ProgramView program(String name, Confidentiality confidentiality, ProgramType type) {
		return SystemActor.call("test", List.of("ADMIN"), () -> programs.create(organizations.primary().orElseThrow().id(),
				new ProgramDefinition(name, type, "", "", 30, confidentiality, true)));
	}

	private CaseId enrol(PatientId patient, ProgramView program, UserView caseManager, LocalDate today) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				caseManager.id(), today, new Consent(today, ConsentMethod.VERBAL, "the patient", true, true, true, true),
				Acuity.MODERATE, "Part 2 walk")));
	}

	private String token(String name) throws Exception {
		ApiClients.Credentials client = Tokens.register(new Actors(users), clients, name, "system/*.rs");
		return Tokens.accessToken(port, client, "system/*.rs");
	}

	/** Every GET page about one patient the application offers. */
	private List<String> chartPages() {
		List<String> out = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!info.getMethodsCondition().getMethods().contains(RequestMethod.GET)) return;
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/patients/{") && !out.contains(pattern)) out.add(pattern);
			}
		});
		return out;
	}

	/** The page's address for the walked patient and its Part 2 records, or null when it names something else. */
	private static String fill(String pattern, PatientId patient, Map<String, UUID> ids) {
		String url = pattern.replaceFirst("\\{[^}]+}", patient.toString());
		Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(url);
		StringBuilder b = new StringBuilder();
		while (m.find()) {
			UUID id = ids.get(m.group(1));
			if (id == null) return null;
			m.appendReplacement(b, id.toString());
		}
		m.appendTail(b);
		return b.toString();
	}

	/** The resource types whose search takes a patient, from the capability statement. */
	private List<String> searchableByPatient(String token) throws Exception {
		JsonNode capabilities = json.readTree(fhir("/fhir/metadata", token).body());
		List<String> out = new ArrayList<>();
		for (JsonNode resource : capabilities.get("rest").get(0).get("resource")) {
			JsonNode params = resource.get("searchParam");
			if (params == null) continue;
			for (JsonNode p : params) {
				if (p.get("name").asString().equals("patient")) out.add(resource.get("type").asString());
			}
		}
		assertThat(out).as("types searched by patient").contains("Task", "CarePlan", "EpisodeOfCare");
		return out;
	}

	private HttpResponse<String> fhir(String url, String token, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://localhost:" + port + url))
			.header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).GET();
		for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
