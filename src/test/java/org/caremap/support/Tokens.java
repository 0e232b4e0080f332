package org.caremap.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.caremap.identity.ApiClients;
import tools.jackson.databind.json.JsonMapper;

/** Registers API clients and obtains their bearer tokens from the token endpoint, as a system would. */
public final class Tokens {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private Tokens() {
	}

	/** A client registered by the demo administrator with these scopes. */
	public static ApiClients.Credentials register(Actors actors, ApiClients clients, String name, String... scopes) {
		return actors.as("admin", () -> clients.register(new ApiClients.NewApiClient(name, "test", Set.of(scopes))));
	}

	/** The token endpoint's answer to a client-credentials request. */
	public static HttpResponse<String> request(int port, String clientId, String secret, String scope) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
					+ java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An access token for these credentials and scopes (space-separated). */
	public static String accessToken(int port, ApiClients.Credentials client, String scope) throws Exception {
		HttpResponse<String> response = request(port, client.clientId(), client.secret(), scope);
		if (response.statusCode() != 200) throw new AssertionError("token refused: " + response.body());
		return JsonMapper.builder().build().readTree(response.body()).get("access_token").asString();
	}
}
