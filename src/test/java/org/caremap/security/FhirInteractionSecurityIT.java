package org.caremap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security suite over FHIR: every interaction the capability statement declares (read, search, create,
 * update, for every resource type; so a new provider is walked without editing this test), plus the ones it does
 * not declare, asked with no token and with tokens of each kind of scope, held against the SMART scope rules: no
 * unexpected allow, no response of 500 or more, every refusal of a valid token audited under its client. People's
 * tokens (an app acting for a case manager) are walked by {@code FhirAuthorizationIT}.
 */
class FhirInteractionSecurityIT extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	enum Caller {
		NO_TOKEN(null), READER("system/*.rs"), WRITER("system/*.cruds"), PATIENT_READER("system/Patient.rs");

		final String scope;

		Caller(String scope) {
			this.scope = scope;
		}

		/** What the SMART scopes allow this caller (the table of the suite). */
		boolean allows(String type, String interaction) {
			return switch (this) {
				case NO_TOKEN -> false;
				case READER -> interaction.equals("read") || interaction.equals("search-type");
				case WRITER -> true;
				case PATIENT_READER -> type.equals("Patient") && (interaction.equals("read") || interaction.equals("search-type"));
			};
		}
	}

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private record Check(Caller caller, String type, String interaction, boolean expectedAllow, int status) {
	}

	@Test
	void everyInteractionAnswersEveryKindOfTokenAsTheScopesSay() throws Exception {
		Map<Caller, String> tokens = new LinkedHashMap<>();
		Map<Caller, String> clientIds = new LinkedHashMap<>();
		for (Caller caller : Caller.values()) {
			if (caller.scope == null) continue;
			ApiClients.Credentials client = Tokens.register(new Actors(users), clients, "Scope walk " + caller + " "
					+ UUID.randomUUID(), caller.scope);
			tokens.put(caller, Tokens.accessToken(port, client, caller.scope));
			clientIds.put(caller, client.clientId());
		}
		JsonNode capability = JSON.readTree(send("GET", "/fhir/metadata", null, null).body());
		List<Check> checks = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (JsonNode resource : capability.get("rest").get(0).get("resource")) {
			String type = resource.get("type").asString();
			List<String> declared = new ArrayList<>();
			for (JsonNode interaction : resource.path("interaction")) declared.add(interaction.get("code").asString());
			for (String interaction : List.of("read", "search-type", "create", "update", "delete")) {
				for (Caller caller : Caller.values()) {
					String id = UUID.randomUUID().toString();
					String body = "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}";
					HttpResponse<String> response = switch (interaction) {
						case "read" -> send("GET", "/fhir/" + type + "/" + id, null, tokens.get(caller));
						case "search-type" -> send("GET", "/fhir/" + type + "?_count=1", null, tokens.get(caller));
						case "create" -> send("POST", "/fhir/" + type, body, tokens.get(caller));
						case "update" -> send("PUT", "/fhir/" + type + "/" + id, body, tokens.get(caller));
						default -> send("DELETE", "/fhir/" + type + "/" + id, null, tokens.get(caller));
					};
					int status = response.statusCode();
					boolean supported = declared.contains(interaction);
					boolean expectAllow = supported && caller.allows(type, interaction);
					checks.add(new Check(caller, type, interaction, expectAllow, status));
					String what = interaction + " " + type + " with " + caller + ": " + status;
					if (status >= 500) problems.add(what + " (a server error)");
					boolean refused = status == 401 || status == 403;
					if (caller == Caller.NO_TOKEN && supported && status != 401) problems.add(what + " (no token must be 401)");
					if (!expectAllow && supported && !refused) problems.add(what + " (an unexpected allow)");
					if (!supported && status < 400) problems.add(what + " (an interaction Caremap does not offer)");
					if (expectAllow && refused) problems.add(what + " (an unexpected refusal)");
					if (!response.body().isEmpty() && status >= 400 && !response.body().contains("OperationOutcome")) {
						problems.add(what + " (a refusal without an OperationOutcome)");
					}
					if (status == 403 && caller != Caller.NO_TOKEN) {
						long audited = jdbc.sql("select count(*) from audit_event where actor in (?, ?) and outcome = 'DENIED'")
							.params(clientIds.get(caller), "system:api:" + clientIds.get(caller)).query(Long.class).single();
						if (audited == 0) problems.add(what + " (a refusal that is not audited)");
					}
				}
			}
		}
		report(checks);
		assertThat(problems).isEmpty();
		assertThat(checks.size()).isGreaterThan(300);
	}

	private HttpResponse<String> send(String method, String path, String body, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "application/fhir+json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) request.header("Content-Type", "application/fhir+json");
		if (token != null) request.header("Authorization", "Bearer " + token);
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void report(List<Check> checks) throws IOException {
		Path file = Path.of("target", "security", "fhir-matrix.txt");
		Files.createDirectories(file.getParent());
		StringBuilder out = new StringBuilder();
		for (Check c : checks) {
			out.append(String.format("%-22s %-12s %-15s expected %-6s %d%n", c.type(), c.interaction(), c.caller(),
					c.expectedAllow() ? "allow" : "refuse", c.status()));
		}
		Files.writeString(file, out);
		System.out.printf("Security suite: %d FHIR interaction checks (%d resource types x 5 interactions x %d kinds of caller); "
				+ "matrix in %s%n", checks.size(), checks.stream().map(Check::type).distinct().count(), Caller.values().length, file);
	}
}
