package org.caremap.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.caremap.demo.DemoLogins;
import org.caremap.support.AdtApplied;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ADT over HTTP with OAuth 2.0 bearer tokens, over real HTTP: an administrator registers the interface engine as an
 * API client (the secret is shown once), the engine obtains a token with the client-credentials grant and posts
 * messages, which are acknowledged exactly as over MLLP. Missing, forged, expired, foreign-audience and
 * scope-less tokens are refused with a problem body; a rotated secret and a revoked client stop working.
 */
class AdtHttpIT extends IntegrationTest {

	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired JWKSource<SecurityContext> keys;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private final JsonMapper json = JsonMapper.builder().build();

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

	private record Registered(String clientId, String secret) {
	}

	private Registered register(Browserless admin, String name) {
		admin.get("/admin/api-clients/new");
		HttpResponse<String> created = admin.post("/admin/api-clients/new",
				Map.of("name", name, "description", "test feed", "scopes", "adt.write"));
		assertThat(created.statusCode()).isEqualTo(302);
		HttpResponse<String> page = admin.get(Browserless.location(created).replaceFirst("^https?://[^/]+", ""));
		return new Registered(group(page.body(), "id=\"client-id\">([^<]+)<"), group(page.body(), "id=\"client-secret\">([^<]+)<"));
	}

	private static String group(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertThat(m.find()).as(regex).isTrue();
		return m.group(1);
	}

	private HttpResponse<String> token(String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=adt.write"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String accessToken(Registered client) throws Exception {
		HttpResponse<String> response = token(client.clientId(), client.secret());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("scope").asString()).isEqualTo("adt.write");
		assertThat(body.get("expires_in").asLong()).isBetween(250L, 300L);
		return body.get("access_token").asString();
	}

	private HttpResponse<String> post(String token, String contentType, String message) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/hl7v2/adt")))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
		if (token != null) request.header("Authorization", "Bearer " + token);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String a01(String control, String mrn) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A01|" + control + "|P|2.5.1\r"
				+ "EVN|A01|20261120103000\r" + "PID|1||" + mrn + "^^^ELSEWHERE^MR||HTTP^PATIENT||19500517|F\r"
				+ "PV1|1|I|4W^401^1^RGH||||||||||||||||V-" + control + "|||||||||||||||||||||||||20261120090000\r";
	}

	@Test
	void aRegisteredEngineObtainsATokenAndPostsMessagesAcknowledgedAsOverMllp() throws Exception {
		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		Registered engine = register(admin, "Riverside interface engine " + UUID.randomUUID());
		assertThat(engine.clientId()).startsWith("cm-");
		// the secret is stored hashed, never as given
		assertThat(jdbc.sql("select client_secret from oauth2_registered_client where client_id = ?").param(engine.clientId())
			.query(String.class).single()).startsWith("{argon2}").doesNotContain(engine.secret());
		// and shown only once
		assertThat(admin.get("/admin/api-clients/" + engine.clientId()).body()).doesNotContain(engine.secret());

		String token = accessToken(engine);
		String control = "H-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> ack = post(token, "application/hl7-v2", a01(control, "M-" + control));
		assertThat(ack.statusCode()).isEqualTo(200);
		assertThat(ack.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/hl7-v2");
		assertThat(Mllp.code(ack.body())).isEqualTo("AA");
		assertThat(ack.body()).contains("MSA|AA|" + control);
		assertThat(AdtApplied.status(jdbc, control)).isEqualTo("UNMATCHED");
		assertThat(jdbc.sql("select channel || ' ' || status from adt_message where control_id = ?").param(control)
			.query(String.class).single()).isEqualTo("HTTP UNMATCHED");
		// a resend over HTTP is a resend, as over MLLP; LF separators are fine
		HttpResponse<String> again = post(token, "x-application/hl7-v2+er7", a01(control, "M-" + control).replace('\r', '\n'));
		assertThat(Mllp.code(again.body())).isEqualTo("AA");
		assertThat(jdbc.sql("select resends from adt_message where control_id = ?").param(control).query(Integer.class)
			.single()).isEqualTo(1);
		// bad content is answered in HL7, kept with its reason
		assertThat(Mllp.code(post(token, "text/plain", "this is not HL7").body())).isEqualTo("AR");
		assertThat(Mllp.code(post(token, "application/hl7-v2", "").body())).isEqualTo("AR");
		// a body that is not a message type we read is refused by HTTP itself, as a problem
		HttpResponse<String> json = post(token, "application/json", "{}");
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");

		// the audit trail names the client that obtained the token and sent the message
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'TOKEN'").param(engine.clientId())
			.query(Long.class).single()).isGreaterThanOrEqualTo(1);
		assertThat(admin.get("/admin/api-clients").body()).contains(engine.clientId());

		// a new secret: the old one stops working at once
		admin.get("/admin/api-clients/" + engine.clientId());
		HttpResponse<String> rotated = admin.post("/admin/api-clients/" + engine.clientId() + "/rotate-secret", Map.of());
		assertThat(rotated.statusCode()).isEqualTo(302);
		String newSecret = group(admin.get("/admin/api-clients/" + engine.clientId()).body(), "id=\"client-secret\">([^<]+)<");
		assertThat(token(engine.clientId(), engine.secret()).statusCode()).isEqualTo(401);
		String second = accessToken(new Registered(engine.clientId(), newSecret));
		assertThat(Mllp.code(post(second, "application/hl7-v2", a01(control + "b", "M-" + control)).body())).isEqualTo("AA");
		// the audit trail records each message when it is applied, naming the client that sent it
		assertThat(AdtApplied.status(jdbc, control + "b")).isEqualTo("UNMATCHED");

		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'CREATE' and resource_type = 'AdtMessage'")
			.param("system:adt-feed:" + engine.clientId()).query(Long.class).single()).isEqualTo(2);

		// revoked: no more tokens
		admin.get("/admin/api-clients/" + engine.clientId());
		admin.post("/admin/api-clients/" + engine.clientId() + "/revoke", Map.of());
		HttpResponse<String> refused = token(engine.clientId(), newSecret);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("invalid_client");
		assertThat(admin.get("/admin/api-clients/" + engine.clientId()).body()).contains("id=\"client-status\">Revoked<");
	}

	@Test
	void missingForgedExpiredForeignAndScopelessTokensAreRefusedAndNothingIsStored() throws Exception {
		long before = jdbc.sql("select count(*) from adt_message").query(Long.class).single();
		String control = "R-" + UUID.randomUUID().toString().substring(0, 8);
		String message = a01(control, "M-" + control);

		HttpResponse<String> none = post(null, "application/hl7-v2", message);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
		assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(json.readTree(none.body()).get("status").asInt()).isEqualTo(401);

		assertThat(post("not-a-token", "application/hl7-v2", message).statusCode()).isEqualTo(401);

		RSAKey ours = (RSAKey) keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).get(0);
		RSAKey foreign = new RSAKeyGenerator(2048).keyID(ours.getKeyID()).generate();
		Instant now = Instant.now();
		assertThat(post(sign(foreign, "caremap", "adt.write", now.plusSeconds(300)), "application/hl7-v2", message)
			.statusCode()).as("signed by another key").isEqualTo(401);
		assertThat(post(sign(ours, "caremap", "adt.write", now.minusSeconds(120)), "application/hl7-v2", message)
			.statusCode()).as("expired").isEqualTo(401);
		assertThat(post(sign(ours, "some-other-api", "adt.write", now.plusSeconds(300)), "application/hl7-v2", message)
			.statusCode()).as("another audience").isEqualTo(401);
		HttpResponse<String> scopeless = post(sign(ours, "caremap", "", now.plusSeconds(300)), "application/hl7-v2", message);
		assertThat(scopeless.statusCode()).as("no adt.write scope").isEqualTo(403);
		assertThat(scopeless.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
		assertThat(scopeless.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		// the genuine key and claims are accepted (so the refusals above are about what was changed)
		assertThat(Mllp.code(post(sign(ours, "caremap", "adt.write", now.plusSeconds(300)), "application/hl7-v2", message)
			.body())).isEqualTo("AA");
		assertThat(jdbc.sql("select count(*) from adt_message").query(Long.class).single()).isEqualTo(before + 1);
		// a signed-in person's session is not a credential for the API
		Browserless person = client();
		person.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(person.get("/api/hl7v2/adt", "application/json").statusCode()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUTHENTICATE' and outcome = 'DENIED' and detail like ?")
			.param("%/api/hl7v2/adt%").query(Long.class).single()).isGreaterThanOrEqualTo(4);
	}

	private String sign(RSAKey key, String audience, String scope, Instant expires) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:" + port).subject("test-client")
			.audience(List.of(audience))
			.issueTime(Date.from(expires.minusSeconds(300)))
			.expirationTime(Date.from(expires))
			.claim("scope", scope)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}
}
