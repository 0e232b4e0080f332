package org.caremap.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for tests over real HTTP: keeps cookies like a browser, does not follow redirects (tests
 * look at them), and sends the CSRF token of the last page it saw with each form post.
 */
public final class Browserless {

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;
	private final CookieManager cookies = new CookieManager();
	private final HttpClient http;
	private String csrf;

	public Browserless(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
	}

	public HttpResponse<String> get(String path, String accept) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
	}

	/** Posts a form with the CSRF token of the last page seen (fetch a page first). */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (csrf != null) fields.putIfAbsent("_csrf", csrf);
		return postRaw(path, fields);
	}

	/** Posts exactly these fields, nothing added. */
	public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Posts a body already form-encoded, byte for byte (with the CSRF token of the last page seen appended). */
	public HttpResponse<String> postEncoded(String path, String encodedBody) {
		String body = csrf == null ? encodedBody : encodedBody + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Posts a body of any type as it is (with the CSRF token of the last page seen in the header). */
	public HttpResponse<String> postBody(String path, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
			.header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (csrf != null) request.header("X-CSRF-TOKEN", csrf);
		return send(request);
	}

	/** Sends a request without a body with any method (DELETE, PUT, ...). */
	public HttpResponse<String> send(String method, String path) {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
			.method(method, HttpRequest.BodyPublishers.noBody()));
	}

	/** Signs in through the login form; returns the response to the form post. */
	public HttpResponse<String> login(String username, String password) {
		get("/login");
		return post("/login", Map.of("username", username, "password", password));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			remember(response.body());
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void remember(String body) {
		Matcher meta = CSRF_META.matcher(body);
		if (meta.find()) {
			csrf = meta.group(1);
			return;
		}
		Matcher input = CSRF_INPUT.matcher(body);
		if (input.find()) csrf = input.group(1);
	}

	/** The value of the cookie of this name the client holds, if any (e.g. the session cookie). */
	public java.util.Optional<String> cookie(String name) {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
			.map(java.net.HttpCookie::getValue).findFirst();
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElse("");
	}
}
