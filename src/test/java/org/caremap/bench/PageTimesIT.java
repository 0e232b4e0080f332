package org.caremap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server time of the pages a case manager opens most (and the utilization reviewer's queue), on the demo
 * organisation: each page answers with its {@code Server-Timing} (until the answer starts) and is timed whole by the
 * client on this machine (rendering and loopback included). The figures go to {@code target/benchmarks/page-times.md}; the test fails only when a page
 * does not answer 200 or carries no server time, never on a time.
 */
class PageTimesIT extends IntegrationTest {

	private static final int WARM_UP = 5;
	private static final int ROUNDS = 30;
	private static final Pattern TIMING = Pattern.compile("app;dur=([0-9.]+)");
	private static final Pattern PATIENT = Pattern.compile("href=\"/patients/([0-9a-f-]{36})\"");

	@Autowired
	DemoLogins demo;

	@Test
	void theMostOpenedPagesAnswerWithTheirServerTime() throws Exception {
		Browserless browser = client();
		browser.login("casemanager", demo.password("casemanager").orElseThrow());
		HttpResponse<String> myday = browser.get("/myday");
		assertThat(myday.statusCode()).isEqualTo(200);
		Matcher m = PATIENT.matcher(myday.body());
		assertThat(m.find()).as("My day links a patient's chart").isTrue();
		String patient = m.group(1);

		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("Home", "/");
		pages.put("My day", "/myday");
		pages.put("My day, show all", "/myday?all=true");
		pages.put("My caseload", "/caseload");
		pages.put("Patient search", "/patients?q=jo");
		pages.put("Chart", "/patients/" + patient);
		pages.put("Chart: tasks", "/patients/" + patient + "/tasks");
		pages.put("Chart: timeline", "/patients/" + patient + "/timeline");
		pages.put("My transitions", "/transitions/mine");
		pages.put("Authorizations work list", "/utilization/authorizations");
		pages.put("Notifications", "/notifications");
		// the utilization reviewer's home: her queue of stays to review
		Browserless reviewer = client();
		reviewer.login("reviewer", demo.password("reviewer").orElseThrow());
		pages.put("Reviewer's queue", "/reviews");
		Map<String, Browserless> asWhom = Map.of("Reviewer's queue", reviewer);

		List<String> rows = new ArrayList<>();
		rows.add("| page | server time to answer p50 / p95 (ms) | whole request at the client p50 / p95 (ms) |");
		rows.add("|---|---|---|");
		for (Map.Entry<String, String> page : pages.entrySet()) {
			List<Double> server = new ArrayList<>();
			List<Double> whole = new ArrayList<>();
			for (int i = 0; i < WARM_UP + ROUNDS; i++) {
				long start = System.nanoTime();
				HttpResponse<String> r = asWhom.getOrDefault(page.getKey(), browser).get(page.getValue());
				double millis = (System.nanoTime() - start) / 1_000_000.0;
				assertThat(r.statusCode()).as(page.getKey() + " " + page.getValue()).isEqualTo(200);
				String header = r.headers().firstValue("Server-Timing").orElse("");
				Matcher t = TIMING.matcher(header);
				assertThat(t.find()).as("Server-Timing of " + page.getValue() + ": " + header).isTrue();
				if (i < WARM_UP) continue;
				server.add(Double.parseDouble(t.group(1)));
				whole.add(millis);
			}
			rows.add(String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.0f / %.0f |", page.getKey(), pct(server, 50), pct(server, 95),
					pct(whole, 50), pct(whole, 95)));
		}
		rows.add("");
		rows.add(String.format(Locale.ROOT, "%d requests a page after %d of warm-up, one signed-in case manager, demo organisation, %d CPUs; "
				+ "the test suite's embedded PostgreSQL with durable settings.", ROUNDS, WARM_UP, Runtime.getRuntime().availableProcessors()));
		String table = String.join("\n", rows) + "\n";
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("page-times.md"), table);
		System.out.println(table);
	}

	private static double pct(List<Double> values, int p) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
	}
}
