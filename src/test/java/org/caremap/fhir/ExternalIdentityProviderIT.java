package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens from an external OpenID Connect provider, by configuration only: a stand-in for a Keycloak realm (its
 * discovery document and key set over HTTP, outside Caremap) signs tokens naming the person in
 * {@code preferred_username}; Caremap finds the keys from the issuer, accepts the provider's tokens for its
 * audience with the person's own access, and refuses the provider's tokens for another audience or signed with a
 * key the provider does not publish. Caremap's own tokens keep working beside them.
 */
class ExternalIdentityProviderIT extends IntegrationTest {

	static final RSAKey KEY = generate();
	static final HttpServer REALM = realm();
	static final String ISSUER = "http://localhost:" + REALM.getAddress().getPort() + "/realms/care";

	@Autowired JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("caremap.oauth.external-issuer", () -> ISSUER);
	}

	@AfterAll
	static void stop() {
		REALM.stop(0);
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("realm-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer realm() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/realms/care/.well-known/openid-configuration", exchange -> {
				String base = "http://localhost:" + server.getAddress().getPort() + "/realms/care";
				send(exchange, "{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/protocol/openid-connect/certs\","
						+ "\"token_endpoint\":\"" + base + "/protocol/openid-connect/token\",\"subject_types_supported\":[\"public\"],"
						+ "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"response_types_supported\":[\"code\"]}");
			});
			server.createContext("/realms/care/protocol/openid-connect/certs",
					exchange -> send(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String token(RSAKey key, String audience, String username, String scope) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("f3a1c2d4-realm-user").audience(List.of(audience))
			.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("preferred_username", username)
			.claim("scope", scope).claim("azp", "care-app").build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private int read(String patient, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient/" + patient))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private List<String> patientsOf(String username) {
		return jdbc.sql("""
				select distinct r.patient_id::text from care_relationship r join user_account u on u.id = r.user_id
				where u.username = ? and r.valid_from <= now() and (r.valid_to is null or r.valid_to > now())""")
			.param(username).query(String.class).list();
	}

	@Test
	void theProvidersTokensActForThePersonTheyName() throws Exception {
		List<String> hers = patientsOf("casemanager");
		String other = patientsOf("casemanager2").stream().filter(p -> !hers.contains(p)).findFirst().orElseThrow();
		String dana = token(KEY, "caremap", "casemanager", "openid user/*.rs");
		assertThat(read(hers.get(0), dana)).isEqualTo(200);
		assertThat(read(other, dana)).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and resource_id = ? and action = 'READ'")
			.param(hers.get(0)).query(Long.class).single()).isPositive();

		assertThat(read(hers.get(0), token(KEY, "account", "casemanager", "user/*.rs"))).as("another audience").isEqualTo(401);
		RSAKey impostor = new RSAKeyGenerator(2048).keyID("realm-key").generate();
		assertThat(read(hers.get(0), token(impostor, "caremap", "casemanager", "user/*.rs"))).as("a key the realm does not publish")
			.isEqualTo(401);
		assertThat(read(hers.get(0), token(KEY, "caremap", "nobody-here", "user/*.rs"))).as("no such Caremap user").isEqualTo(401);
	}
}
