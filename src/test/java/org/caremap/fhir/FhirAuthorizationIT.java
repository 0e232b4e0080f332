package org.caremap.fhir;

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
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.ApiClients;
import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a token lets in. An app registered for people signs a case manager in (authorization code with PKCE, over
 * real HTTP with the sign-in form); its token reads that case manager's patients and is refused another case
 * manager's, and the refusal is audited under the person's name. Expired tokens and tokens for another audience
 * are refused. A system cannot be given scopes meant for people.
 */
class FhirAuthorizationIT extends IntegrationTest {

	private static final String CALLBACK = "http://localhost:1/callback";

	@Autowired ApiClients clients;
	@Autowired org.caremap.identity.UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired JWKSource<SecurityContext> keys;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private final HttpClient http = HttpClient.newHttpClient();

	private IGenericClient fhirClient(String token) {
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return client;
	}

	private List<String> patientsOf(String username) {
		return jdbc.sql("""
				select distinct r.patient_id::text from care_relationship r join user_account u on u.id = r.user_id
				where u.username = ? and r.valid_from <= now() and (r.valid_to is null or r.valid_to > now())""")
			.param(username).query(String.class).list();
	}

	/** The authorization-code flow as an app runs it: the person signs in, the app trades the code for a token. */
	private String signInThroughApp(String clientId, String username) throws Exception {
		return signInThroughApp(clientId, username, "user/*.rs");
	}

	private String signInThroughApp(String clientId, String username, String scope) throws Exception {
		String[] code = authorizationCode(clientId, username, scope);
		HttpResponse<String> token = exchange(clientId, code);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(token.body()).get("access_token").asString();
	}

	/** The code the authorization endpoint sends back to the app, and the PKCE verifier that goes with it. */
	private String[] authorizationCode(String clientId, String username) throws Exception {
		return authorizationCode(clientId, username, "user/*.rs");
	}

	private String[] authorizationCode(String clientId, String username, String scope) throws Exception {
		Browserless browser = client();
		browser.login(username, demo.password(username).orElseThrow());
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		String challenge = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
				+ "&redirect_uri=" + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&scope="
				+ URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=s1&code_challenge=" + challenge
				+ "&code_challenge_method=S256");
		assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
		String location = Browserless.location(authorize);
		assertThat(location).startsWith(CALLBACK).contains("state=s1");
		return new String[] { location.replaceAll(".*[?&]code=([^&]+).*", "$1"), verifier };
	}

	private HttpResponse<String> exchange(String clientId, String[] code) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code[0] + "&redirect_uri="
					+ URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&client_id=" + clientId + "&code_verifier=" + code[1]))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void anAppActingForAPersonImportsNoBundleSoItLearnsOfNoOneOutsideHerCare() throws Exception {
		ApiClients.Credentials app = new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(
				"Writing app " + UUID.randomUUID(), "test", Set.of("user/*.cruds"), CALLBACK)));
		String token = signInThroughApp(app.clientId(), "casemanager", "user/*.cruds");
		String theirs = patientsOf("casemanager2").stream().filter(p -> !patientsOf("casemanager").contains(p)).findFirst().orElseThrow();
		String number = jdbc.sql("select system || '|' || value from patient_identifier where patient_id = ?::uuid limit 1")
			.param(theirs).query(String.class).single();
		for (String identifier : List.of(number, "urn:test:nobody|" + UUID.randomUUID())) {
			String[] parts = identifier.split("\\|", 2);
			String bundle = """
					{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient",
					 "identifier":[{"system":"%s","value":"%s"}],"name":[{"family":"Probe","given":["Person"]}],
					 "gender":"female","birthDate":"1950-01-01"},"request":{"method":"POST","url":"Patient"}}]}"""
				.formatted(parts[0], parts[1]);
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
			// the same answer whether the number is someone's or nobody's
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
			assertThat(answer.body()).contains("system clients");
		}
	}

	@Test
	void aCodeWorksOnceAndTokensCanBeIntrospected() throws Exception {
		ApiClients.Credentials app = new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(
				"Care app " + UUID.randomUUID(), "test", Set.of("user/*.rs"), CALLBACK)));
		String[] code = authorizationCode(app.clientId(), "casemanager");
		assertThat(exchange(app.clientId(), code).statusCode()).isEqualTo(200);
		HttpResponse<String> again = exchange(app.clientId(), code);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
		assertThat(again.body()).contains("invalid_grant");
		// a system introspects its own token
		ApiClients.Credentials system = org.caremap.support.Tokens.register(new Actors(users), clients, "Introspecting " + UUID.randomUUID(),
				"system/*.rs");
		String token = org.caremap.support.Tokens.accessToken(port, system, "system/*.rs");
		String basic = Base64.getEncoder().encodeToString((system.clientId() + ":" + system.secret()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> introspected = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/introspect"))
			.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(introspected.statusCode()).as(introspected.body()).isEqualTo(200);
		assertThat(introspected.body()).contains("\"active\":true");
	}

	@Test
	void aCaseManagersTokenReadsHerPatientsAndNotAnothers() throws Exception {
		ApiClients.Credentials app = new Actors(users).as("admin", () -> clients.register(new ApiClients.NewApiClient(
				"Care app " + UUID.randomUUID(), "test", Set.of("user/*.rs"), CALLBACK)));
		assertThat(app.secret()).as("a public app has no secret").isEmpty();
		IGenericClient dana = fhirClient(signInThroughApp(app.clientId(), "casemanager"));

		List<String> hers = patientsOf("casemanager");
		List<String> others = patientsOf("casemanager2").stream().filter(p -> !hers.contains(p)).toList();
		assertThat(hers).isNotEmpty();
		assertThat(others).isNotEmpty();
		String deniedSql = "select count(*) from audit_event where actor = 'casemanager' and patient_id = ?::uuid and outcome = 'DENIED'";
		String readSql = "select count(*) from audit_event where actor = 'casemanager' and resource_id = ? and outcome = 'SUCCESS'";
		long deniedBefore = jdbc.sql(deniedSql).param(others.get(0)).query(Long.class).single();
		long readBefore = jdbc.sql(readSql).param(hers.get(0)).query(Long.class).single();
		Patient own = dana.read().resource(Patient.class).withId(hers.get(0)).execute();
		assertThat(own.getIdElement().getIdPart()).isEqualTo(hers.get(0));
		assertThatThrownBy(() -> dana.read().resource(Patient.class).withId(others.get(0)).execute())
			.isInstanceOf(ForbiddenOperationException.class);
		// searches hold only her patients
		Bundle all = dana.search().forResource(Patient.class).count(500).returnBundle(Bundle.class).execute();
		assertThat(all.getTotal()).isEqualTo(hers.size());
		assertThat(all.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).doesNotContainAnyElementsOf(others);
		// both the read and the refusal are in the audit trail under her name
		// searches count and page only her records
		Bundle episodes = dana.search().forResource(org.hl7.fhir.r4.model.EpisodeOfCare.class).count(1).returnBundle(Bundle.class).execute();
		assertThat(episodes.getEntry()).hasSize(1);
		assertThat(episodes.getTotal()).isEqualTo(jdbc.sql("""
				select count(*) from care_case c where c.patient_id::text in (select unnest(?::text[]))""")
			.param((Object) hers.toArray(String[]::new)).query(Long.class).single().intValue());
		assertThat(dana.search().forResource(org.hl7.fhir.r4.model.QuestionnaireResponse.class).count(500).returnBundle(Bundle.class)
			.execute().getEntry()).allSatisfy(e -> assertThat(hers).contains(
					((org.hl7.fhir.r4.model.QuestionnaireResponse) e.getResource()).getSubject().getReferenceElement().getIdPart()));
		// (other tests share the database: count what this test added)
		assertThat(jdbc.sql(readSql).param(hers.get(0)).query(Long.class).single()).isGreaterThan(readBefore);
		assertThat(jdbc.sql(deniedSql).param(others.get(0)).query(Long.class).single()).isEqualTo(deniedBefore + 1);
	}

	@Test
	void expiredAndForeignAudienceTokensAreRefused() throws Exception {
		RSAKey ours = (RSAKey) keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
		String patient = patientsOf("casemanager").get(0);
		Instant now = Instant.now();
		for (String[] token : List.of(new String[] { "caremap", "-60" }, new String[] { "another-api", "300" })) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:" + port).subject("cm-test").audience(token[0])
				.issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.plusSeconds(Long.parseLong(token[1]))))
				.claim("scope", "system/*.rs").build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ours.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(ours));
			HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient/" + patient))
				.header("Authorization", "Bearer " + jwt.serialize()).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(refused.statusCode()).as(token[0] + " " + token[1]).isEqualTo(401);
			assertThat(refused.body()).contains("OperationOutcome");
		}
	}

	/**
	 * A token is verified once and remembered until it expires (issue 24); what is checked per call stays per call:
	 * the person a user token speaks for, once disabled, is refused with the very token that was let in a moment
	 * before.
	 */
	@Test
	void aRememberedTokenOfAPersonSinceDisabledIsRefused() throws Exception {
		String username = "token-" + UUID.randomUUID().toString().substring(0, 8);
		org.caremap.identity.UserView person = new Actors(users).as("admin", () -> accounts.create(new org.caremap.identity.NewUser(
				username, "Ines Okafor", null, Set.of(org.caremap.identity.Role.CASE_MANAGER), "Cached token passphrase 2026", false)));
		RSAKey ours = (RSAKey) keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:" + port).subject(username).audience("caremap")
			.issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)))
			.claim("scope", "user/*.rs").build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ours.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(ours));
		java.util.function.Supplier<HttpResponse<String>> search = () -> {
			try {
				return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient?_count=1"))
					.header("Authorization", "Bearer " + jwt.serialize()).build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
		assertThat(search.get().statusCode()).isEqualTo(200);
		assertThat(search.get().statusCode()).as("the remembered token").isEqualTo(200);
		new Actors(users).run("admin", () -> accounts.disable(person.id()));
		HttpResponse<String> refused = search.get();
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("OperationOutcome").contains("disabled");
	}

	@Test
	void scopesForPeopleAndForSystemsDoNotMix() {
		Actors actors = new Actors(users);
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Mixed", "", Set.of("user/*.rs")))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.system-scope"));
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Mixed", "",
				Set.of("system/*.rs"), CALLBACK))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.app-scope"));
		assertThatThrownBy(() -> actors.as("admin", () -> clients.register(new ApiClients.NewApiClient("Plain http", "",
				Set.of("user/*.rs"), "http://app.example.org/callback"))))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("api-client.redirect-uri"));
	}
}
