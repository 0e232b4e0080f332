package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.identity.ApiClients;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.Tokens;
import org.caremap.measure.MeasureKind;
import org.caremap.measure.Measures;
import org.caremap.measure.NewReading;
import org.caremap.shared.SystemActor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMART on FHIR patient access over real HTTP: an app a patient connects (authorization code with PKCE S256) signs
 * the patient in through the portal, shows the portal's consent page, and gets a token naming the patient; the token
 * reads only that patient's record on every resource type, writes nothing, and stops when the patient disconnects
 * the app. Staff never approve a patient's app, a portal session never authorizes a staff app, a proxy connects no
 * app, and a wrong or missing PKCE verifier gets no token.
 */
class SmartPatientIT extends IntegrationTest {

	private static final String CALLBACK = "http://localhost:1/patient-app";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired PortalAccounts accounts;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired Measures measures;

	/** The resource types a patient app reads (the table of this suite; every other type is refused). */
	private static final Set<String> FOR_PATIENTS = Set.of("Patient", "AllergyIntolerance", "Appointment", "CarePlan",
			"CareTeam", "Communication", "Condition", "Coverage", "Encounter", "EpisodeOfCare", "Goal", "MedicationDispense",
			"MedicationRequest", "MedicationStatement", "Observation", "QuestionnaireResponse", "ServiceRequest", "Task",
			"Questionnaire", "Practitioner", "Organization", "Location", "HealthcareService");

	private final HttpClient http = HttpClient.newHttpClient();

	private record Pkce(String verifier, String challenge) {
		static Pkce fresh() throws Exception {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			String challenge = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			return new Pkce(verifier, challenge);
		}
	}

	private ApiClients.Credentials patientApp(boolean confidential, String... scopes) {
		return new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(
				"Health diary " + UUID.randomUUID().toString().substring(0, 6), "Keeps your readings in one place.",
				Set.of(scopes), CALLBACK, confidential)));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String authorizePath(String clientId, String scope, Pkce pkce) {
		return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(CALLBACK)
				+ "&scope=" + enc(scope) + "&state=app-state" + (pkce == null ? ""
						: "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
	}

	private static String path(String location) {
		URI uri = URI.create(location);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	/**
	 * The whole authorization as a patient's browser runs it: the app's request sends them to the portal's sign-in,
	 * the sign-in brings them back to the request, which shows the consent page; they allow (or refuse). Returns
	 * where the browser is sent back to the app.
	 */
	private String authorize(Browserless browser, PortalLogin login, String clientId, String scope, Pkce pkce, boolean allow) {
		HttpResponse<String> asked = browser.get(authorizePath(clientId, scope, pkce));
		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(302);
		assertThat(Browserless.location(asked)).endsWith("/portal/login");
		HttpResponse<String> signedIn = PortalLogins.signIn(browser, login);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> home = browser.get(path(Browserless.location(signedIn)));
		assertThat(home.statusCode()).as("the portal sends the patient back to the app's request").isEqualTo(302);
		assertThat(Browserless.location(home)).contains("/oauth2/authorize?");
		HttpResponse<String> again = browser.get(path(Browserless.location(home)));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
		assertThat(Browserless.location(again)).contains("/portal/apps/consent");
		return consent(browser, Browserless.location(again), allow);
	}

	/** Reads the consent page, then allows or refuses as the patient would; returns where the app is sent. */
	private String consent(Browserless browser, String consentLocation, boolean allow) {
		HttpResponse<String> page = browser.get(path(consentLocation));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("Health diary").contains("consent-allow").contains("consent-until");
		String state = field(page.body(), "state");
		String clientId = field(page.body(), "client_id");
		StringBuilder body = new StringBuilder("client_id=" + enc(clientId) + "&state=" + enc(state));
		if (allow) {
			Matcher scopes = Pattern.compile("name=\"scope\" value=\"([^\"]+)\"").matcher(page.body());
			while (scopes.find()) body.append("&scope=").append(enc(scopes.group(1).replace("&#42;", "*")));
		}
		HttpResponse<String> answered = browser.postEncoded("/oauth2/authorize", body.toString());
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(302);
		String location = Browserless.location(answered);
		assertThat(location).startsWith(CALLBACK).contains("state=app-state");
		return location;
	}

	private static String field(String html, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
		assertThat(m.find()).as("a field " + name).isTrue();
		return m.group(1).replace("&amp;", "&").replace("&#61;", "=").replace("&#43;", "+").replace("&#47;", "/");
	}

	private static String code(String location) {
		Matcher m = CODE.matcher(location);
		assertThat(m.find()).as(location).isTrue();
		return URLDecoder.decode(m.group(1));
	}

	private static final class URLDecoder {
		static String decode(String s) {
			return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
		}
	}

	private HttpResponse<String> token(String form, ApiClients.Credentials client) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (!client.secret().isEmpty()) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> exchange(ApiClients.Credentials client, String code, String verifier) throws Exception {
		return token("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(CALLBACK)
				+ "&client_id=" + client.clientId() + (verifier == null ? "" : "&code_verifier=" + verifier), client);
	}

	private HttpResponse<String> fhir(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path))
			.header("Accept", "application/fhir+json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) request.header("Content-Type", "application/fhir+json");
		if (token != null) request.header("Authorization", "Bearer " + token);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private record Patient(PatientId id, PortalLogin login) {
	}

	private Patient patientWithAccount(String given) {
		PatientId id = PortalFixtures.patient(registry, organizations, "Smart", given, "en");
		return new Patient(id, PortalLogins.patient(accounts, id, given + " Smart"));
	}

	/** A patient token for a fresh patient through the whole flow (consent allowed). */
	private JsonNode connect(Patient patient, ApiClients.Credentials app, String scope) throws Exception {
		Pkce pkce = Pkce.fresh();
		String back = authorize(client(), patient.login(), app.clientId(), scope, pkce, true);
		HttpResponse<String> issued = exchange(app, code(back), pkce.verifier());
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		return JSON.readTree(issued.body());
	}

	@Test
	void aPatientConnectsAnAppThatReadsOnlyTheirOwnRecord() throws Exception {
		Patient ana = patientWithAccount("Ana");
		Patient other = patientWithAccount("Otto");
		ApiClients.Credentials app = patientApp(false, "patient/*.rs");
		assertThat(app.secret()).as("a public patient app has no secret").isEmpty();
		JsonNode issued = connect(ana, app, "launch/patient patient/*.rs");
		assertThat(issued.get("patient").asString()).isEqualTo(ana.id().toString());
		assertThat(issued.get("scope").asString()).contains("patient/*.rs").contains("launch/patient");
		assertThat(issued.has("refresh_token")).as("a public app gets no refresh token").isFalse();
		String token = issued.get("access_token").asString();

		HttpResponse<String> own = fhir("GET", "Patient/" + ana.id(), token, null);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		long deniedBefore = jdbc.sql("select count(*) from audit_event where actor = ? and outcome = 'DENIED'")
			.param("portal:" + ana.login().accountId()).query(Long.class).single();
		HttpResponse<String> theirs = fhir("GET", "Patient/" + other.id(), token, null);
		assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(403);
		assertThat(theirs.body()).contains("OperationOutcome");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and outcome = 'DENIED'")
			.param("portal:" + ana.login().accountId()).query(Long.class).single()).isEqualTo(deniedBefore + 1);
		// the patient search holds the patient alone, the condition search only her condition
		JsonNode patients = JSON.readTree(fhir("GET", "Patient?_count=50", token, null).body());
		assertThat(patients.get("total").asInt()).isEqualTo(1);
		assertThat(patients.get("entry").get(0).get("resource").get("id").asString()).isEqualTo(ana.id().toString());
		HttpResponse<String> conditions = fhir("GET", "Condition?_count=50", token, null);
		assertThat(conditions.statusCode()).as(conditions.body()).isEqualTo(200);
		assertThat(patientReferences(JSON.readTree(conditions.body()))).containsOnly(ana.id().toString()).isNotEmpty();
		// her self-reported measures as Observations, and not Otto's
		java.util.function.Function<Patient, UUID> reading = p -> SystemActor.call("test", List.of("SYSTEM"), () -> measures.record(
				new NewReading(p.id(), MeasureKind.BLOOD_PRESSURE, 131, 84, null, null, java.time.Instant.now().minusSeconds(60), null)).id());
		UUID hers = reading.apply(ana);
		UUID his = reading.apply(other);
		HttpResponse<String> observations = fhir("GET", "Observation?_count=50", token, null);
		assertThat(observations.statusCode()).as(observations.body()).isEqualTo(200);
		assertThat(observations.body()).contains(hers.toString()).contains("85354-9").doesNotContain(his.toString());
		assertThat(patientReferences(JSON.readTree(observations.body()))).containsOnly(ana.id().toString());
		assertThat(fhir("GET", "Observation/" + hers, token, null).statusCode()).isEqualTo(200);
		HttpResponse<String> hisRead = fhir("GET", "Observation/" + his, token, null);
		assertThat(hisRead.statusCode()).isEqualTo(403);
		assertThat(hisRead.body()).contains("OperationOutcome");
		// no write, whatever the scopes
		HttpResponse<String> write = fhir("PUT", "Patient/" + ana.id(), token,
				"{\"resourceType\":\"Patient\",\"id\":\"" + ana.id() + "\",\"gender\":\"male\"}");
		assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
		assertThat(write.body()).contains("OperationOutcome");
	}

	/** Every patient reference in the entries of a search result. */
	private static Set<String> patientReferences(JsonNode bundle) {
		Set<String> out = new LinkedHashSet<>();
		Matcher m = Pattern.compile("\"reference\":\"Patient/([^\"/]+)\"").matcher(bundle.path("entry").toString());
		while (m.find()) out.add(m.group(1));
		return out;
	}

	@Test
	void everyResourceTypeAnswersAPatientTokenWithThatPatientsDataOnly() throws Exception {
		Patient bea = patientWithAccount("Bea");
		String token = connect(bea, patientApp(false, "patient/*.rs"), "launch/patient patient/*.rs").get("access_token").asString();
		// a system token to find other patients' resources of each type
		String system = Tokens.accessToken(port, Tokens.register(new Actors(users), clients, "Walk " + UUID.randomUUID(),
				"system/*.rs"), "system/*.rs");
		JsonNode capability = JSON.readTree(fhir("GET", "metadata", null, null).body());
		List<String> problems = new ArrayList<>();
		int checks = 0;
		for (JsonNode resource : capability.get("rest").get(0).get("resource")) {
			String type = resource.get("type").asString();
			List<String> declared = new ArrayList<>();
			for (JsonNode interaction : resource.path("interaction")) declared.add(interaction.get("code").asString());
			boolean forPatients = FOR_PATIENTS.contains(type);
			// searches: the patient's own resources only, or refused
			if (declared.contains("search-type")) {
				HttpResponse<String> search = fhir("GET", type + "?_count=100", token, null);
				checks++;
				if (search.statusCode() >= 500) problems.add("search " + type + ": " + search.statusCode());
				else if (forPatients && search.statusCode() != 200) problems.add("search " + type + " refused: " + search.statusCode() + " " + search.body());
				else if (!forPatients && search.statusCode() != 403) problems.add("search " + type + " not refused: " + search.statusCode());
				else if (search.statusCode() == 200) {
					JsonNode bundle = JSON.readTree(search.body());
					Set<String> refs = patientReferences(bundle);
					refs.remove(bea.id().toString());
					if (!refs.isEmpty()) problems.add("search " + type + " returned other patients' resources " + refs);
					if (type.equals("Patient") && bundle.get("total").asInt() != 1) problems.add("search Patient total " + bundle.get("total"));
				}
			}
			// another patient's resource of this type: refused
			if (declared.contains("read") && declared.contains("search-type")) {
				JsonNode others = JSON.readTree(fhir("GET", type + "?_count=50", system, null).body());
				for (JsonNode entry : others.path("entry")) {
					JsonNode r = entry.get("resource");
					Set<String> refs = patientReferences(JSON.readTree("{\"entry\":[" + entry + "]}"));
					String owner = type.equals("Patient") ? r.get("id").asString() : refs.stream().findFirst().orElse(null);
					if (owner == null || owner.equals(bea.id().toString())) continue;
					HttpResponse<String> read = fhir("GET", type + "/" + r.get("id").asString(), token, null);
					checks++;
					if (read.statusCode() != 403 && read.statusCode() != 404) {
						problems.add("read of another patient's " + type + ": " + read.statusCode());
					}
					if (!read.body().contains("OperationOutcome")) problems.add("read of another patient's " + type + " without an OperationOutcome");
					break;
				}
			}
			// writes: never
			String id = UUID.randomUUID().toString();
			String body = "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}";
			for (String[] write : List.of(new String[] { "POST", type }, new String[] { "PUT", type + "/" + id },
					new String[] { "DELETE", type + "/" + id })) {
				HttpResponse<String> answer = fhir(write[0], write[1], token, write[0].equals("DELETE") ? null : body);
				checks++;
				if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
					problems.add(write[0] + " " + type + " with a patient token: " + answer.statusCode());
				}
			}
		}
		// bulk export and transactions are for systems
		HttpResponse<String> export = fhir("GET", "Patient/$export", token, null);
		if (export.statusCode() != 403) problems.add("$export with a patient token: " + export.statusCode());
		System.out.printf("SMART patient walk: %d checks over %d resource types%n", checks,
				capability.get("rest").get(0).get("resource").size());
		assertThat(problems).isEmpty();
		assertThat(checks).isGreaterThan(80);
	}

	@Test
	void aWrongOrMissingVerifierGetsNoTokenAndAPublicAppMustUsePkce() throws Exception {
		Patient cara = patientWithAccount("Cara");
		ApiClients.Credentials app = patientApp(false, "patient/Patient.rs");
		Pkce pkce = Pkce.fresh();
		Browserless browser = client();
		String back = authorize(browser, cara.login(), app.clientId(), "launch/patient patient/Patient.rs", pkce, true);
		String code = code(back);
		HttpResponse<String> missing = exchange(app, code, null);
		// without a verifier a public client is not even authenticated
		assertThat(missing.statusCode()).as(missing.body()).isIn(400, 401);
		assertThat(missing.body()).doesNotContain("access_token");
		HttpResponse<String> wrong = exchange(app, code, Pkce.fresh().verifier());
		assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
		assertThat(wrong.body()).contains("invalid_grant");
		// the right verifier gets the token, once
		HttpResponse<String> right = exchange(app, code, pkce.verifier());
		assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
		assertThat(JSON.readTree(right.body()).get("patient").asString()).isEqualTo(cara.id().toString());
		assertThat(exchange(app, code, pkce.verifier()).statusCode()).isEqualTo(400);
		// without a challenge (or with the plain method) the request is refused before any code exists
		HttpResponse<String> noPkce = browser.get(authorizePath(app.clientId(), "launch/patient patient/Patient.rs", null));
		assertThat(noPkce.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(noPkce)).startsWith(CALLBACK).contains("error=invalid_request").doesNotContain("code=");
		HttpResponse<String> plain = browser.get(authorizePath(app.clientId(), "launch/patient patient/Patient.rs", null)
				+ "&code_challenge=" + pkce.verifier() + "&code_challenge_method=plain");
		assertThat(Browserless.location(plain)).contains("error=invalid_request").doesNotContain("code=");
	}

	@Test
	void staffNeverApproveAPatientsAppAndPatientsNeverAuthorizeAStaffApp() throws Exception {
		ApiClients.Credentials patientApp = patientApp(false, "patient/*.rs");
		Browserless staff = client();
		staff.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> asked = staff.get(authorizePath(patientApp.clientId(), "launch/patient patient/*.rs", Pkce.fresh()));
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(asked)).as("a staff session counts as no one for a patient app")
			.endsWith("/portal/login").doesNotContain("code=");
		HttpResponse<String> approve = staff.postEncoded("/oauth2/authorize", "client_id=" + patientApp.clientId()
				+ "&state=" + UUID.randomUUID() + "&scope=" + enc("patient/*.rs"));
		assertThat(Browserless.location(approve)).doesNotContain("code=").doesNotStartWith(CALLBACK);
		// the staff app (user/ scopes) does not take a portal sign-in
		ApiClients.Credentials staffApp = new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(
				"Staff app " + UUID.randomUUID(), "test", Set.of("user/*.rs"), CALLBACK)));
		Patient dan = patientWithAccount("Dan");
		Browserless portal = client();
		assertThat(PortalLogins.signIn(portal, dan.login()).statusCode()).isEqualTo(302);
		HttpResponse<String> staffAsk = portal.get(authorizePath(staffApp.clientId(), "user/*.rs", Pkce.fresh()));
		assertThat(staffAsk.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(staffAsk)).endsWith("/login").doesNotContain("code=");
	}

	@Test
	void aProxyConnectsNoAppAndARefusalTellsTheApp() throws Exception {
		Patient eve = patientWithAccount("Eve");
		UUID contact = PortalFixtures.contact(registry, eve.id(), "Elena Smart " + UUID.randomUUID().toString().substring(0, 4),
				SupportContact.Disclosure.EVERYTHING);
		PortalLogin proxy = PortalLogins.proxy(accounts, eve.id(), contact, "Elena Smart");
		ApiClients.Credentials app = patientApp(false, "patient/*.rs");
		Browserless browser = client();
		assertThat(PortalLogins.signIn(browser, proxy).statusCode()).isEqualTo(302);
		HttpResponse<String> asked = browser.get(authorizePath(app.clientId(), "launch/patient patient/*.rs", Pkce.fresh()));
		assertThat(asked.statusCode()).as("only the patient connects apps").isEqualTo(403);
		HttpResponse<String> page = browser.get("/portal/apps");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("apps-proxy");
		// the patient refuses: the app is told access_denied and gets no code
		String back = authorize(client(), eve.login(), app.clientId(), "launch/patient patient/*.rs", Pkce.fresh(), false);
		assertThat(back).contains("error=access_denied").doesNotContain("code=");
	}

	@Test
	void disconnectingAnAppStopsItsTokensAndItsRefresh() throws Exception {
		Patient fay = patientWithAccount("Fay");
		ApiClients.Credentials app = patientApp(true, "patient/*.rs");
		assertThat(app.secret()).as("a confidential patient app has a secret").isNotEmpty();
		Pkce pkce = Pkce.fresh();
		Browserless browser = client();
		String back = authorize(browser, fay.login(), app.clientId(), "launch/patient patient/*.rs offline_access", pkce, true);
		HttpResponse<String> issued = exchange(app, code(back), pkce.verifier());
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
		JsonNode tokens = JSON.readTree(issued.body());
		assertThat(tokens.has("refresh_token")).isTrue();
		String access = tokens.get("access_token").asString();
		String refresh = tokens.get("refresh_token").asString();
		assertThat(fhir("GET", "Patient/" + fay.id(), access, null).statusCode()).isEqualTo(200);
		HttpResponse<String> refreshed = token("grant_type=refresh_token&refresh_token=" + enc(refresh), app);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		assertThat(JSON.readTree(refreshed.body()).get("patient").asString()).isEqualTo(fay.id().toString());
		refresh = JSON.readTree(refreshed.body()).get("refresh_token").asString();
		access = JSON.readTree(refreshed.body()).get("access_token").asString();
		// the patient sees the app and disconnects it
		HttpResponse<String> apps = browser.get("/portal/apps");
		assertThat(apps.statusCode()).isEqualTo(200);
		assertThat(apps.body()).contains("app-" + app.clientId());
		HttpResponse<String> disconnected = browser.post("/portal/apps/" + app.clientId() + "/disconnect", Map.of());
		assertThat(disconnected.statusCode()).isEqualTo(302);
		assertThat(browser.get("/portal/apps").body()).doesNotContain("app-" + app.clientId()).contains("apps-disconnected");
		HttpResponse<String> after = fhir("GET", "Patient/" + fay.id(), access, null);
		assertThat(after.statusCode()).as("the token stops at once").isEqualTo(401);
		assertThat(after.body()).contains("OperationOutcome");
		HttpResponse<String> refreshAfter = token("grant_type=refresh_token&refresh_token=" + enc(refresh), app);
		assertThat(refreshAfter.statusCode()).as(refreshAfter.body()).isEqualTo(400);
		assertThat(refreshAfter.body()).contains("invalid_grant");
		assertThat(jdbc.sql("select revoked_at is not null from oauth_patient_grant where principal_name = ?")
			.param("portal:" + fay.login().accountId()).query(Boolean.class).single()).isTrue();
	}

	@Test
	void theSmartConfigurationAdvertisesPatientLaunchAndRegistrationKeepsKindsApart() throws Exception {
		JsonNode smart = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/fhir/.well-known/smart-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
		List<String> capabilities = new ArrayList<>();
		smart.get("capabilities").forEach(c -> capabilities.add(c.asString()));
		assertThat(capabilities).contains("launch-standalone", "context-standalone-patient", "permission-patient",
				"client-public");
		assertThat(smart.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
		assertThat(smart.get("scopes_supported").toString()).contains("patient/*.rs").contains("launch/patient");
		Actors actors = new Actors(users);
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Mixed", "",
				Set.of("patient/*.rs", "user/*.rs"), CALLBACK))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.patient-scope"));
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Secret staff app", "",
				Set.of("user/*.rs"), CALLBACK, true))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.confidential"));
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Patient system", "",
				Set.of("patient/*.rs")))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.system-scope"));
	}
}
