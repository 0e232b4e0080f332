package org.caremap.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

/**
 * A stand-in for an organisation's Keycloak realm, run in a test (one per test class): its discovery document and key
 * set, an authorize endpoint that approves at once (redirecting back with a code), and a token endpoint that checks
 * the client secret, the redirect URI and the PKCE verifier and answers with an id token signed with the realm's key
 * carrying the claims of the person set with {@link #next}.
 */
final class StandInRealm {

	StandInRealm() {
		server = realm();
		issuer = "http://localhost:" + server.getAddress().getPort() + "/realms/staff";
	}

	void stop() {
		server.stop(0);
	}

	/** The next person the realm signs in. */
	void next(Map<String, Object> person) {
		next = person;
	}

	final String client = "caremap-web";
	final String secret = "stand-in-secret-" + UUID.randomUUID();
	final RSAKey key = generate();
	/** Codes the authorize endpoint gave, with what the token endpoint checks and answers. */
	final Map<String, Map<String, Object>> codes = new ConcurrentHashMap<>();
	/** The claims of the person the realm signs in next. */
	volatile Map<String, Object> next = Map.of();
	final HttpServer server;
	final String issuer;

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("staff-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> query(String text) {
		Map<String, String> values = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) return values;
		for (String pair : text.split("&")) {
			int eq = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	private HttpServer realm() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			String base = "http://localhost:" + server.getAddress().getPort() + "/realms/staff";
			server.createContext("/realms/staff/.well-known/openid-configuration", exchange -> send(exchange, 200,
					"{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + base + "/protocol/openid-connect/auth\","
							+ "\"token_endpoint\":\"" + base + "/protocol/openid-connect/token\","
							+ "\"jwks_uri\":\"" + base + "/protocol/openid-connect/certs\",\"subject_types_supported\":[\"public\"],"
							+ "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"response_types_supported\":[\"code\"],"
							+ "\"code_challenge_methods_supported\":[\"S256\"],"
							+ "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}"));
			server.createContext("/realms/staff/protocol/openid-connect/certs",
					exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
			server.createContext("/realms/staff/protocol/openid-connect/auth", exchange -> {
				Map<String, String> request = query(exchange.getRequestURI().getRawQuery());
				if (!client.equals(request.get("client_id")) || !"code".equals(request.get("response_type"))
						|| !"S256".equals(request.get("code_challenge_method")) || request.get("code_challenge") == null) {
					send(exchange, 400, "{\"error\":\"invalid_request\"}");
					return;
				}
				String code = UUID.randomUUID().toString();
				Map<String, Object> grant = new HashMap<>(next);
				grant.put("_challenge", request.get("code_challenge"));
				grant.put("_redirect", request.get("redirect_uri"));
				grant.put("nonce", request.get("nonce"));
				codes.put(code, grant);
				exchange.getResponseHeaders().add("Location", request.get("redirect_uri") + "?code=" + code + "&state="
						+ java.net.URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(302, -1);
				exchange.close();
			});
			server.createContext("/realms/staff/protocol/openid-connect/token", exchange -> {
				Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				String basic = "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
				Map<String, Object> grant = codes.remove(form.getOrDefault("code", ""));
				if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					send(exchange, 401, "{\"error\":\"invalid_client\"}");
					return;
				}
				if (grant == null || !"authorization_code".equals(form.get("grant_type"))
						|| !grant.get("_redirect").equals(form.get("redirect_uri")) || form.get("code_verifier") == null
						|| !grant.get("_challenge").equals(challenge(form.get("code_verifier")))) {
					send(exchange, 400, "{\"error\":\"invalid_grant\"}");
					return;
				}
				send(exchange, 200, "{\"access_token\":\"opaque-" + UUID.randomUUID() + "\",\"token_type\":\"Bearer\","
						+ "\"expires_in\":300,\"scope\":\"openid profile email\",\"id_token\":\"" + idToken(base, grant) + "\"}");
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String challenge(String verifier) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String idToken(String issuer, Map<String, Object> grant) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(client).subject("sub-" + UUID.randomUUID())
			.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).claim("azp", client);
		grant.forEach((name, value) -> {
			if (!name.startsWith("_")) claims.claim(name, value);
		});
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
