package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finding 4: forwarded headers from anyone but a configured proxy change nothing (no proxy is configured here), the
 * OAuth and SMART metadata and every minted token name the one issuer, and a token naming another issuer is
 * refused even when Caremap's own key signed it.
 */
class ForwardedHeadersIT extends IntegrationTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JWKSource<SecurityContext> keys;
	@Autowired JdbcClient jdbc;

	private String issuer() {
		return "http://localhost:" + port;
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer() + path)).GET();
		for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static final String[] EVIL = { "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
			"X-Forwarded-Port", "443", "Forwarded", "host=evil.example;proto=https", "X-Forwarded-Prefix", "/evil",
			"X-Forwarded-For", "203.0.113.66" };

	@Test
	void metadataNamesTheOneIssuerWhateverTheHeadersSay() throws Exception {
		for (String path : List.of("/.well-known/oauth-authorization-server", "/fhir/.well-known/smart-configuration",
				"/.well-known/smart-configuration")) {
			HttpResponse<String> response = get(path, EVIL);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).doesNotContain("evil").contains("\"issuer\":\"" + issuer() + "\"");
		}
	}

	@Test
	void redirectsAndTheAuditTrailIgnoreForwardedHeadersFromAnyone() throws Exception {
		HttpResponse<String> redirect = get("/caseload", EVIL);
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location").orElse("")).doesNotContain("evil").doesNotStartWith("https");
		// a sign-in attempt is audited with the real client address, not the one the header claims
		HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/login"))
			.header("X-Forwarded-For", "203.0.113.66").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=forwarded.probe&password=x")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isBetween(300, 499);
		assertThat(jdbc.sql("select count(*) from audit_event where source_ip = '203.0.113.66'").query(Long.class).single())
			.isZero();
	}

	@Test
	void theTokenEndpointAnswersAClientWithoutCredentials401() throws Exception {
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(401);
	}

	@Test
	void aBearerTokenThatIsNotOneNamesNobodyInTheAuditTrail() throws Exception {
		String name = "spoofed." + java.util.UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/fhir/Patient"))
			.header("Authorization", "Bearer " + name).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from audit_event where actor like ? or detail like ?").params("%" + name + "%", "%" + name + "%")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUTHENTICATE' and outcome = 'DENIED' and actor = 'anonymous'"
				+ " and occurred_at > now() - interval '1 minute'").query(Long.class).single()).isPositive();
	}

	@Test
	void tokensNameTheOneIssuerAndOthersAreRefused() throws Exception {
		ApiClients.Credentials client = Tokens.register(new Actors(users), clients, "Forwarded header probe", "system/*.rs");
		String basic = Base64.getEncoder().encodeToString((client.clientId() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder token = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
			.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system/*.rs"));
		for (int i = 0; i < EVIL.length; i += 2) token.header(EVIL[i], EVIL[i + 1]);
		HttpResponse<String> minted = HTTP.send(token.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(minted.statusCode()).isEqualTo(200);
		String access = JsonMapper.builder().build().readTree(minted.body()).get("access_token").asString();
		String claims = new String(Base64.getUrlDecoder().decode(access.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(claims).contains("\"iss\":\"" + issuer() + "\"").doesNotContain("evil");
		assertThat(fhir(access).statusCode()).isEqualTo(200);

		// a token Caremap's own key signed but that names another issuer (as one minted under a forged Host would)
		Instant now = Instant.now();
		JwtClaimsSet forged = JwtClaimsSet.builder().issuer("https://evil.example").subject(client.clientId())
			.audience(List.of("caremap")).issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(300))
			.claim("scope", List.of("system/*.rs")).build();
		String other = new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(
				JwsHeader.with(SignatureAlgorithm.RS256).build(), forged)).getTokenValue();
		assertThat(fhir(other).statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> fhir(String token) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(issuer() + "/fhir/Patient?_count=1"))
			.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
