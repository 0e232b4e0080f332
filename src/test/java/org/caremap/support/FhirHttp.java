package org.caremap.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw FHIR calls over real HTTP with a bearer token, for tests that send what a careless or hostile client would. */
public final class FhirHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;
	private final String token;

	public FhirHttp(int port, String token) {
		this.base = "http://localhost:" + port;
		this.token = token;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public HttpResponse<String> getWith(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
		for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
		return send(request);
	}

	public HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
	}

	public HttpResponse<String> post(String path, String json, String... headers) {
		return post(path, json.getBytes(StandardCharsets.UTF_8), headers);
	}

	public HttpResponse<String> post(String path, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
		return send(request);
	}

	public HttpResponse<String> put(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/fhir+json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			if (token != null) request.header("Authorization", "Bearer " + token);
			return HTTP.send(request.header("Accept", "application/fhir+json")
				.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
