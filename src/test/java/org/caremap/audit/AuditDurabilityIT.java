package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.support.CaremapProcess;
import org.junit.jupiter.api.Test;

/**
 * No answer leaves without its audit events: Caremap runs as its own process on a PostgreSQL with durable settings;
 * eight signed-in case managers' browsers read their patients' charts as fast as they can, and the application is
 * killed with SIGKILL in the middle of it. Afterwards every chart page that arrived whole at a client has its read
 * events in the audit trail: for each patient, at least as many chart reads are recorded as pages of that chart were
 * received (a page's events are written, and committed, before its first byte is sent; a page cut off by the kill
 * may or may not have them, and is not counted). Writes {@code target/benchmarks/audit-durability.txt}.
 */
class AuditDurabilityIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");
	private static final Pattern PATIENT = Pattern.compile("href=\"/patients/([0-9a-f-]{36})\"");
	static final int CLIENTS = 8;

	@Test
	void everyChartPageReceivedBeforeAKillHasItsReadEventsInTheTrail() throws Exception {
		try (CaremapProcess caremap = new CaremapProcess(Path.of("target", "it-audit-durability"))) {
			caremap.startApp();
			caremap.awaitReady();
			Properties logins = new Properties();
			try (var in = Files.newInputStream(caremap.appHome().resolve("demo-logins.properties"))) {
				logins.load(in);
			}
			String base = "http://localhost:" + caremap.httpPort();
			Browser first = Browser.signIn(base, "casemanager", logins.getProperty("casemanager"));
			List<String> patients = first.patients();
			assertThat(patients).as("the case manager's patients").hasSizeGreaterThan(10);

			// what one chart page records: the rows of the patient's chart read by the case manager, counted once
			String one = patients.get(0);
			long before = reads(caremap, one, Instant.EPOCH);
			assertThat(first.chart(one)).isTrue();
			long perPage = reads(caremap, one, Instant.EPOCH) - before;
			assertThat(perPage).as("chart reads recorded by one chart page (read as soon as its answer arrived)").isPositive();

			Instant start = Instant.now().minusSeconds(1);
			Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
			AtomicInteger cut = new AtomicInteger();
			List<Thread> threads = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				Browser browser = c == 0 ? first : Browser.signIn(base, "casemanager", logins.getProperty("casemanager"));
				Random random = new Random(20261208L + c);
				Thread t = new Thread(() -> {
					for (int i = 0; i < 100_000 && caremap.app().isAlive(); i++) {
						String patient = patients.get(random.nextInt(patients.size()));
						try {
							if (browser.chart(patient)) received.computeIfAbsent(patient, p -> new AtomicInteger()).incrementAndGet();
						}
						catch (IOException | InterruptedException ex) {
							cut.incrementAndGet();
						}
					}
				});
				t.start();
				threads.add(t);
			}
			CaremapProcess.sleep(4_000 + new Random().nextInt(4_000));
			caremap.kill();
			caremap.app().waitFor();
			for (Thread t : threads) t.join(30_000);

			int pages = received.values().stream().mapToInt(AtomicInteger::get).sum();
			assertThat(pages).as("chart pages received before the kill").isGreaterThan(50);
			List<String> short_ = new ArrayList<>();
			long recorded = 0;
			for (var e : received.entrySet()) {
				long rows = reads(caremap, e.getKey(), start);
				recorded += rows;
				if (rows < perPage * e.getValue().get()) {
					short_.add(e.getKey() + ": " + e.getValue().get() + " pages received, " + rows + " chart reads recorded");
				}
			}
			Path out = Path.of("target", "benchmarks", "audit-durability.txt");
			Files.createDirectories(out.getParent());
			Files.writeString(out, "chart pages received whole: " + pages + " (" + received.size() + " patients, "
					+ CLIENTS + " clients)\nrequests cut by the kill: " + cut.get() + "\nchart reads per page: " + perPage
					+ "\nchart reads recorded in the window: " + recorded + "\npatients short of reads: " + short_.size()
					+ "\n" + String.join("\n", short_) + "\n");
			assertThat(short_).as("patients whose received chart pages outnumber their recorded reads").isEmpty();
		}
	}

	private static long reads(CaremapProcess caremap, String patient, Instant since) throws Exception {
		return Long.parseLong(caremap.query("select count(*) from audit_event where actor = 'casemanager' and action = 'READ'"
				+ " and resource_type = 'Patient' and patient_id = '" + patient + "' and occurred_at >= '" + since + "'").get(0));
	}

	/** One signed-in browser: its cookies, the pages it reads. */
	private record Browser(HttpClient http, String base) {

		static Browser signIn(String base, String user, String password) throws IOException, InterruptedException {
			HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5)).build();
			Browser b = new Browser(http, base);
			HttpResponse<String> login = b.get("/login");
			Matcher csrf = CSRF.matcher(login.body());
			assertThat(csrf.find()).as("the sign-in form").isTrue();
			String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
			HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
				.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signed.statusCode()).as("signed in").isEqualTo(302);
			assertThat(signed.headers().firstValue("Location").orElse("")).doesNotContain("/login");
			return b;
		}

		List<String> patients() throws IOException, InterruptedException {
			Matcher m = PATIENT.matcher(get("/caseload").body());
			LinkedHashSet<String> out = new LinkedHashSet<>();
			while (m.find()) out.add(m.group(1));
			return new ArrayList<>(out);
		}

		/** True when the chart page arrived whole (its last tag received). */
		boolean chart(String patient) throws IOException, InterruptedException {
			HttpResponse<String> page = get("/patients/" + patient);
			return page.statusCode() == 200 && page.body().stripTrailing().endsWith("</html>");
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		private static String enc(String s) {
			return URLEncoder.encode(s, StandardCharsets.UTF_8);
		}
	}
}
