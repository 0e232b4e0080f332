package org.caremap.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.caremap.support.Browserless;
import org.caremap.support.Folders;
import org.caremap.support.PackagedApp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caremap at scale, on one machine in one run: a synthetic organisation (1 million patients by default) loaded once
 * into a durable PostgreSQL kept in {@code bench-data/}, the packaged application on it as its own process
 * ({@code -Xmx512m}), and closed-loop clients at 16 and 32 at a time for (a) the My day worklist, (b) patient search,
 * (c) the chart, (d) a FHIR read and a FHIR Task search; for (a)-(c) the same SQL the application ran, taken from
 * PostgreSQL's statement log, is replayed directly at the same concurrency (the floor) and the throughput ratio
 * printed; (e) ADT over MLLP, durable; (f) startup time, heap and RSS under the load; and the query plans of the
 * list pages. It reports and never fails on a timing. Results: {@code target/benchmarks/scale.md} and {@code .json};
 * see docs/benchmarks.md for the command.
 */
class ScaleBenchmark {

	static final String SIZE = System.getProperty("caremap.bench.patients", "1m");
	static final int SECONDS = Integer.getInteger("caremap.bench.seconds", 20);
	static final int ADT_MESSAGES = Integer.getInteger("caremap.bench.adt-messages", 20_000) / 2 * 2;
	/** {@code e} runs only the ADT measure (e) on a plain start, for quick runs; empty (the default) runs all. */
	static final String ONLY = System.getProperty("caremap.bench.only", "");
	static final long SEED = 42;
	static final int[] CONCURRENCY = { 16, 32 };
	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A case manager of the population, signed in, with her patients. */
	record Worker(String username, UUID id, Browserless session, List<UUID> patients, List<String> searches) {
	}

	@Test
	void scale() throws Exception {
		if ("h".equals(ONLY)) {
			directoryOnly();
			return;
		}
		if ("i".equals(ONLY)) {
			teamOnly();
			return;
		}
		if ("j".equals(ONLY)) {
			portalOnly();
			return;
		}
		if ("k".equals(ONLY)) {
			reportsOnly();
			return;
		}
		if ("l".equals(ONLY)) {
			fhirPatientsOnly();
			return;
		}
		int patients = patients(SIZE);
		Path folder = populationFolder(patients);
		List<String> md = new ArrayList<>();
		Map<String, Object> json = new LinkedHashMap<>();
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) {
				System.out.printf(Locale.ROOT, "Loading %,d patients (kept in %s for later runs)%n", patients, folder);
				population = rig.populate(patients, SEED);
			}
			System.out.println("Population: " + population);
			Map<String, Long> rows = rowCounts(rig);
			if ("e".equals(ONLY)) {
				adtOnly(rig, population, rows);
				return;
			}
			if ("g".equals(ONLY)) {
				reviewerOnly(rig, population, rows);
				return;
			}

			// p: the hot paths only, (a)-(d), on one plain start (no startup, ADT, heap or plans), into scale-p.md
			boolean hot = "p".equals(ONLY);
			double startup = rig.startApp(false);
			Duration firstPage = rig.untilHealthy();
			System.out.printf(Locale.ROOT, "Caremap ready in %.1f s (first page served %.1f s after launch)%n", startup,
					firstPage.toMillis() / 1000.0);
			double startupCds = startup;
			Duration firstPageCds = firstPage;
			if (!hot) {
				rig.stopApp();
				rig.prepareClassDataSharing();
				startupCds = rig.startApp(true);
				firstPageCds = rig.untilHealthy();
				System.out.printf(Locale.ROOT, "With class data sharing: ready in %.1f s (first page %.1f s after launch)%n",
						startupCds, firstPageCds.toMillis() / 1000.0);
			}
			// the first start's jobs (the day's digests for thousands of people) finish before anything is measured
			rig.awaitQuietJobs(Duration.ofMinutes(10));
			List<Worker> workers = workers(rig, 32);
			String[] apiClient = apiClient(rig);
			String clientId = apiClient[0];
			String secret = apiClient[1];
			List<UUID> anyPatients = anyPatients(rig, 5000);

			AtomicBoolean sampling = new AtomicBoolean(true);
			AtomicLong maxRss = new AtomicLong();
			Thread sampler = new Thread(() -> {
				while (sampling.get()) {
					try {
						maxRss.accumulateAndGet(rig.rssMegabytes(), Math::max);
						Thread.sleep(1000);
					}
					catch (Exception ex) {
						return;
					}
				}
			});
			sampler.setDaemon(true);
			sampler.start();

			Map<String, Scenario> scenarios = new LinkedHashMap<>();
			scenarios.put("a", new Scenario("(a) My day worklist"));
			scenarios.put("b", new Scenario("(b) patient search"));
			scenarios.put("c", new Scenario("(c) patient chart"));
			// warm-up: every page, then the JIT's second thoughts
			Worker first = workers.get(0);
			for (Worker w : workers) {
				for (int i = 0; i < 5; i++) {
					ok(w.session().get("/myday"));
					ok(w.session().get("/patients?q=" + enc(w.searches().get(i % w.searches().size()))));
					ok(w.session().get("/patients/" + w.patients().get(i % w.patients().size())));
				}
			}
			warmUp(workers, Duration.ofSeconds(Math.max(10, SECONDS)));

			Map<String, List<String>> captured = new LinkedHashMap<>();
			captured.put("a", SqlCapture.capture(rig, "caremap_app", () -> ok(first.session().get("/myday"))));
			captured.put("b", SqlCapture.capture(rig, "caremap_app",
					() -> ok(first.session().get("/patients?q=" + enc(first.searches().get(0))))));
			captured.put("c", SqlCapture.capture(rig, "caremap_app",
					() -> ok(first.session().get("/patients/" + first.patients().get(0)))));
			Path out = Path.of("target", "benchmarks");
			Files.createDirectories(out);

			List<LoadRun.Result> results = new ArrayList<>();
			Map<String, Double> ratios = new LinkedHashMap<>();
			Map<String, Integer> statementCounts = new LinkedHashMap<>();
			for (String kind : List.of("a", "b", "c")) {
				List<String> statements;
				try (Connection c = rig.application()) {
					statements = SqlCapture.replayable(c, captured.get(kind));
				}
				statementCounts.put(kind, statements.size());
				SqlCapture.write(out.resolve("scale-sql-" + kind + ".sql"), statements);
				for (int clients : CONCURRENCY) {
					List<LoadRun.Client> app = new ArrayList<>();
					for (int i = 0; i < clients; i++) {
						Worker w = workers.get(i % workers.size());
						app.add(switch (kind) {
							case "a" -> n -> ok(w.session().get("/myday"));
							case "b" -> n -> ok(w.session().get("/patients?q=" + enc(w.searches().get(n % w.searches().size()))));
							default -> n -> ok(w.session().get("/patients/" + w.patients().get(n % w.patients().size())));
						});
					}
					LoadRun.Result appResult = LoadRun.run(scenarios.get(kind).name(), app, Duration.ofSeconds(SECONDS));
					results.add(appResult);
					print(appResult);
					List<Connection> connections = new ArrayList<>();
					List<LoadRun.Client> raw = new ArrayList<>();
					for (int i = 0; i < clients; i++) {
						Connection c = rig.application();
						connections.add(c);
						raw.add(n -> SqlCapture.run(c, statements));
					}
					LoadRun.Result rawResult = LoadRun.run(scenarios.get(kind).name() + ", raw SQL", raw, Duration.ofSeconds(SECONDS));
					for (Connection c : connections) c.close();
					results.add(rawResult);
					print(rawResult);
					ratios.put(kind + "@" + clients, appResult.throughput() / rawResult.throughput());
				}
			}

			for (int clients : CONCURRENCY) {
				String token = token(rig, clientId, secret);
				HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				List<LoadRun.Client> reads = new ArrayList<>();
				for (int i = 0; i < clients; i++) {
					int lane = i;
					reads.add(n -> fhir(http, rig, token, "/fhir/Patient/" + anyPatients.get((lane * 7919 + n) % anyPatients.size())));
				}
				LoadRun.Result read = LoadRun.run("(d) FHIR Patient read", reads, Duration.ofSeconds(SECONDS));
				results.add(read);
				print(read);
				List<LoadRun.Client> searches = new ArrayList<>();
				for (int i = 0; i < clients; i++) {
					int lane = i;
					searches.add(n -> fhir(http, rig, token, "/fhir/Task?owner=Practitioner/"
							+ workers.get((lane + n) % workers.size()).id() + "&status=ready"));
				}
				LoadRun.Result search = LoadRun.run("(d) FHIR Task?owner=&status=", searches, Duration.ofSeconds(SECONDS));
				results.add(search);
				print(search);
			}
			if (hot) {
				// the other list pages a case manager opens all day, 16 of them at once, each her own
				for (String[] page : new String[][] { { "(p) My caseload", "/caseload" },
						{ "(p) My transitions (tracker)", "/transitions/mine" }, { "(p) Notifications", "/notifications" } }) {
					List<LoadRun.Client> clients = new ArrayList<>();
					for (int i = 0; i < 16; i++) {
						Worker w = workers.get(i);
						clients.add(n -> ok(w.session().get(page[1])));
					}
					LoadRun.Result r = LoadRun.run(page[0], clients, Duration.ofSeconds(SECONDS));
					results.add(r);
					print(r);
				}
				sampling.set(false);
				hotPaths(out, results, ratios, statementCounts, scenarios, rows, rig);
				Files.writeString(out.resolve("scale-p-plans.md"), plans(rig, workers.get(0)));
				return;
			}
			{
				LoadRun.Result reviews = reviewerQueue(rig);
				results.add(reviews);
				print(reviews);
			}
			sampling.set(false);
			long[] heap = rig.heapMegabytes();
			long rss = maxRss.get();

			Adt adt = adt(rig);

			String plans = plans(rig, workers.get(0));
			Files.writeString(out.resolve("scale-plans.md"), plans);

			List<String> durability = rig.settings("fsync", "synchronous_commit", "full_page_writes", "shared_buffers");
			String commit = PackagedApp.commit();
			md.addAll(resultTables(results, ratios, statementCounts, scenarios));
			md.add("| other measure | value |");
			md.add("|---|---|");
			md.addAll(adt.rows());
			md.add(String.format(Locale.ROOT, "| (f) startup to ready | %.1f s (first page %.1f s after launching the JVM) |", startup,
					firstPage.toMillis() / 1000.0));
			md.add(String.format(Locale.ROOT, "| (f) startup to ready, class data sharing | %.1f s (first page %.1f s after launching the JVM) |",
					startupCds, firstPageCds.toMillis() / 1000.0));
			md.add(String.format(Locale.ROOT, "| (f) heap under load | at most %d MB in use before a collection; %d MB left after the emptiest "
					+ "collection under load; heap grew to %d MB of -Xmx512m; %d full collections |", heap[0], heap[1], heap[2], heap[3]));
			md.add(String.format(Locale.ROOT, "| (f) RSS under load | %d MB at most |", rss));
			md.add("| population load | " + population.getProperty("loadSeconds") + " s for " + population.getProperty("patients")
					+ " patients (" + population.getProperty("phases") + ") at commit " + population.getProperty("commit") + " |");
			md.add("| rows | " + rows.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
				.reduce((a, b) -> a + ", " + b).orElse("") + " |");
			md.add("| database | PostgreSQL 17 (embedded binaries, own process), " + String.join(", ", durability) + " |");
			md.add("| application | own process, -Xmx512m, Java " + System.getProperty("java.version") + ", default pool (10) |");
			md.add("| machine | " + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
					+ System.getProperty("os.arch") + "; clients, Caremap and PostgreSQL on the same machine |");
			md.add("| run | " + SECONDS + " s per measure, commit " + commit + ", " + Instant.now() + " |");
			String table = String.join("\n", md) + "\n";
			Files.writeString(out.resolve("scale.md"), table + "\n" + plans);

			json.put("commit", commit);
			json.put("at", Instant.now().toString());
			json.put("patients", patients);
			json.put("rows", rows);
			json.put("population", population);
			json.put("database", durability);
			json.put("java", System.getProperty("java.version"));
			json.put("heapMaxMb", 512);
			json.put("cpus", Runtime.getRuntime().availableProcessors());
			json.put("secondsPerMeasure", SECONDS);
			List<Object> list = new ArrayList<>();
			for (LoadRun.Result r : results) list.add(JSON.readTree(r.json()));
			json.put("results", list);
			json.put("appToRawRatio", ratios);
			json.put("adt", adt.json());
			json.put("startupSeconds", startup);
			json.put("startupSecondsClassDataSharing", startupCds);
			json.put("firstPageSeconds", firstPage.toMillis() / 1000.0);
			json.put("heapMb", Map.of("beforeGcMax", heap[0], "afterGcMinUnderLoad", heap[1], "size", heap[2], "fullCollections", heap[3]));
			json.put("rssMbMax", rss);
			Files.writeString(out.resolve("scale.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
			System.out.println(table);
		}
	}

	record Scenario(String name) {
	}

	/** The kept population of this size ({@code bench-data/population-<n>/}), emptied when its load never finished. */
	private static Path populationFolder(int patients) {
		Path folder = Path.of(System.getProperty("caremap.bench.data", "bench-data")).resolve("population-" + patients);
		if (!Files.exists(folder.resolve("population.properties"))) Folders.deleteTree(folder);
		return folder;
	}

	/** A plain start, then the wait for its first jobs (and the e-mails they leave) before anything is measured. */
	private static void startQuiet(ScaleRig rig) throws Exception {
		rig.startApp(false);
		rig.untilHealthy();
		rig.awaitQuietJobs(Duration.ofMinutes(10));
	}

	/** The measures' table and the application/raw table of (a)-(c), each followed by an empty line. */
	private static List<String> resultTables(List<LoadRun.Result> results, Map<String, Double> ratios,
			Map<String, Integer> statementCounts, Map<String, Scenario> scenarios) {
		List<String> md = new ArrayList<>();
		md.add("| measure | clients | throughput (req/s) | p50 ms | p95 ms | p99 ms | failed |");
		md.add("|---|---|---|---|---|---|---|");
		for (LoadRun.Result r : results) {
			md.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %.1f | %.1f | %.1f | %d |", r.name(), r.clients(), r.throughput(),
					r.p50(), r.p95(), r.p99(), r.failed()));
		}
		md.add("");
		md.add("| application / raw SQL throughput | 16 clients | 32 clients | statements per request |");
		md.add("|---|---|---|---|");
		for (String kind : List.of("a", "b", "c")) {
			md.add(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d |", scenarios.get(kind).name(), ratios.get(kind + "@16"),
					ratios.get(kind + "@32"), statementCounts.get(kind)));
		}
		md.add("");
		return md;
	}

	/** Mode p's report: (a)-(d) with the ratios, the statements per request and the settings the application ran with. */
	private static void hotPaths(Path out, List<LoadRun.Result> results, Map<String, Double> ratios,
			Map<String, Integer> statementCounts, Map<String, Scenario> scenarios, Map<String, Long> rows, ScaleRig rig)
			throws Exception {
		List<String> md = new ArrayList<>();
		md.addAll(resultTables(results, ratios, statementCounts, scenarios));
		String settings = System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("caremap.bench.env."))
			.sorted().map(n -> n.substring("caremap.bench.env.".length()) + "=" + System.getProperty(n))
			.reduce((a, b) -> a + ", " + b).orElse("defaults");
		md.add("| run | only (p), commit " + PackagedApp.commit() + ", " + Instant.now() + ", " + SECONDS + " s per measure; "
				+ "application settings: " + settings + "; "
				+ String.join(", ", rig.settings("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")) + " |");
		md.add("| rows | " + rows.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
			.reduce((a, b) -> a + ", " + b).orElse("") + " |");
		String table = String.join("\n", md) + "\n";
		Files.writeString(out.resolve("scale-p.md"), table);
		System.out.println(table);
	}

	/**
	 * What (e) measured: the messages acknowledged AA and how fast, then how long the applier took to apply them
	 * (from each message's storing to its applying: p50, p95, p99) and the rate from the first message sent to the
	 * last one applied.
	 */
	record Adt(int acked, double seconds, double ackRate, long applied, double appliedRate, double p50, double p95, double p99,
			long maxWaiting) {

		List<String> rows() {
			return List.of(
					String.format(Locale.ROOT, "| (e) ADT over MLLP, durable, acknowledged | %.0f messages/s (%d of %d acknowledged AA, 4 connections) |",
							ackRate, acked, ADT_MESSAGES),
					String.format(Locale.ROOT, "| (e) ADT applied | %.0f messages/s from the first sent to the last applied (%d applied); "
							+ "most waiting at once %d |", appliedRate, applied, maxWaiting),
					String.format(Locale.ROOT, "| (e) ADT acknowledged to applied | p50 %.0f ms, p95 %.0f ms, p99 %.0f ms |", p50, p95, p99));
		}

		Map<String, Object> json() {
			return Map.of("acked", acked, "messages", ADT_MESSAGES, "seconds", seconds, "perSecond", Math.round(ackRate), "applied",
					applied, "appliedPerSecond", Math.round(appliedRate), "ackToAppliedMs", Map.of("p50", p50, "p95", p95, "p99", p99),
					"maxWaiting", maxWaiting);
		}
	}

	/** (e): A04/A03 pairs on 4 persistent MLLP connections (a warm-up first), then waits until all are applied. */
	private static Adt adt(ScaleRig rig) throws Exception {
		List<String> mrns = mrns(rig, 2000);
		String run = Long.toString(System.nanoTime(), 36);
		AdtIngestBenchmark.send(rig.mllpPort(), mrns, "W" + run, Math.min(2000, ADT_MESSAGES / 5), 4);
		waitApplied(rig, "W" + run, Duration.ofMinutes(10), new AtomicLong());
		Instant adtStart = Instant.now();
		AtomicLong maxWaiting = new AtomicLong();
		AtomicBoolean sending = new AtomicBoolean(true);
		Thread watcher = new Thread(() -> {
			while (sending.get()) {
				try {
					maxWaiting.accumulateAndGet(waiting(rig, "B" + run), Math::max);
					Thread.sleep(500);
				}
				catch (Exception ex) {
					return;
				}
			}
		});
		watcher.setDaemon(true);
		watcher.start();
		int acked = AdtIngestBenchmark.send(rig.mllpPort(), mrns, "B" + run, ADT_MESSAGES, 4);
		double seconds = Duration.between(adtStart, Instant.now()).toMillis() / 1000.0;
		sending.set(false);
		double rate = acked / seconds;
		System.out.printf(Locale.ROOT, "(e) ADT over MLLP: %d of %d acknowledged in %.1f s: %.0f messages/s%n", acked, ADT_MESSAGES,
				seconds, rate);
		waitApplied(rig, "B" + run, Duration.ofMinutes(30), maxWaiting);
		double appliedSeconds = Duration.between(adtStart, Instant.now()).toMillis() / 1000.0;
		try (Connection c = rig.owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
				select count(*),
				       percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at) * 1000),
				       percentile_cont(0.95) within group (order by extract(epoch from processed_at - received_at) * 1000),
				       percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at) * 1000)
				from adt_message where control_id like 'B%s-%%' and processed_at is not null""".formatted(run))) {
			rs.next();
			long applied = rs.getLong(1);
			Adt adt = new Adt(acked, seconds, rate, applied, applied / appliedSeconds, rs.getDouble(2), rs.getDouble(3),
					rs.getDouble(4), maxWaiting.get());
			System.out.printf(Locale.ROOT, "(e) ADT applied: %d in %.1f s from the first sent: %.0f messages/s; acknowledged to applied "
					+ "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms; most waiting at once %d%n", applied, appliedSeconds, adt.appliedRate(), adt.p50(),
					adt.p95(), adt.p99(), adt.maxWaiting());
			return adt;
		}
	}

	/**
	 * How many messages of the run are stored and not yet applied. Asked twice a second while the feed sends, so it
	 * reads only the waiting messages (a small partial index), not the whole message table: the benchmark's own
	 * question must not take the cores it measures.
	 */
	private static long waiting(ScaleRig rig, String prefix) throws Exception {
		try (Connection c = rig.owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
				"select count(*) from adt_message where status = 'RECEIVED' and control_id like '" + prefix + "-%'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void waitApplied(ScaleRig rig, String prefix, Duration within, AtomicLong maxWaiting) throws Exception {
		Instant giveUp = Instant.now().plus(within);
		while (true) {
			long left = waiting(rig, prefix);
			maxWaiting.accumulateAndGet(left, Math::max);
			if (left == 0) return;
			if (Instant.now().isAfter(giveUp)) throw new IllegalStateException(left + " ADT messages still not applied after " + within);
			Thread.sleep(100);
		}
	}

	/** Only (e), on one plain start: written to {@code target/benchmarks/scale-e.md}. */
	private static void adtOnly(ScaleRig rig, Properties population, Map<String, Long> rows) throws Exception {
		rig.startApp(false);
		rig.untilHealthy();
		rig.awaitQuietJobs(Duration.ofMinutes(10));
		Adt adt = adt(rig);
		List<String> md = new ArrayList<>();
		md.add("| measure | value |");
		md.add("|---|---|");
		md.addAll(adt.rows());
		md.add("| population | " + population.getProperty("patients") + " patients; rows " + rows.entrySet().stream()
			.map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b).orElse("") + " |");
		md.add("| database | PostgreSQL 17 (embedded binaries, own process), "
				+ String.join(", ", rig.settings("fsync", "synchronous_commit", "full_page_writes", "shared_buffers")) + " |");
		md.add("| machine | " + Runtime.getRuntime().availableProcessors() + " CPUs; clients, Caremap and PostgreSQL on the same machine |");
		md.add("| run | only (e), commit " + PackagedApp.commit() + ", " + Instant.now() + " |");
		String table = String.join("\n", md) + "\n";
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("scale-e.md"), table);
		System.out.println(table);
	}

	/** (g) the utilization reviewer's queue (her home page), four sessions of the named reviewer. */
	private static LoadRun.Result reviewerQueue(ScaleRig rig) throws Exception {
		Properties logins = logins(rig);
		List<LoadRun.Client> queue = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Browserless session = new Browserless(rig.base());
			session.login("reviewer", logins.getProperty("reviewer", logins.getProperty("*")));
			ok(session.get("/reviews"));
			queue.add(n -> ok(session.get("/reviews")));
		}
		return LoadRun.run("(g) reviewer's queue", queue, Duration.ofSeconds(SECONDS));
	}

	/** Only (g) and the list pages' plans, on one plain start: written to {@code target/benchmarks/scale-g.md}. */
	private static void reviewerOnly(ScaleRig rig, Properties population, Map<String, Long> rows) throws Exception {
		rig.startApp(false);
		rig.untilHealthy();
		rig.awaitQuietJobs(Duration.ofMinutes(10));
		reviewerQueue(rig); // warm-up
		LoadRun.Result r = reviewerQueue(rig);
		print(r);
		String plans = plans(rig, workers(rig, 1).get(0));
		String table = String.join("\n", List.of("| measure | value |", "|---|---|",
				String.format(Locale.ROOT, "| %s, %d clients | %.0f requests/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d failed |",
						r.name(), r.clients(), r.throughput(), r.p50(), r.p95(), r.p99(), r.failed()),
				"| population | " + population.getProperty("patients") + " patients; rows " + rows.entrySet().stream()
					.map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b).orElse("") + " |",
				"| run | only (g), commit " + PackagedApp.commit() + ", " + Instant.now() + " |")) + "\n\n" + plans;
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("scale-g.md"), table);
		System.out.println(table);
	}

	/** Services in the benchmark's community directory (mode h). */
	static final int DIRECTORY_SERVICES = Integer.getInteger("caremap.bench.directory-services", 20_000);

	/**
	 * Mode h: the community resource search on a directory of 20,000 made-up services within 120 miles of Columbus
	 * (its own small population of 1,000 patients, so it does not need the large one): searches combining a need, a
	 * language, a distance from a ZIP code and words, one at a time (p50/p95 over many queries) and 8 at a time, the
	 * directory list page, and the query plans of both (the search must use the indexes).
	 */
	private static void directoryOnly() throws Exception {
		Path folder = Path.of(System.getProperty("caremap.bench.data", "bench-data")).resolve("directory-h");
		if (!Files.exists(folder.resolve("population.properties"))) Folders.deleteTree(folder);
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) population = rig.populate(1000, SEED);
			Path log = folder.resolve("directory.log");
			long started = System.nanoTime();
			int exit = rig.command(log, "community-synthetic", String.valueOf(DIRECTORY_SERVICES), "--seed=7", "--zip=43215",
					"--radius=120", "--source=bench-directory");
			if (exit != 0) throw new IllegalStateException("community-synthetic failed; see " + log);
			double loadSeconds = (System.nanoTime() - started) / 1e9;
			rig.startApp(false);
			rig.untilHealthy();
			rig.awaitQuietJobs(Duration.ofMinutes(10));
			long services;
			try (Connection c = rig.owner(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("select count(*) from community_service where status = 'ACTIVE'")) {
				rs.next();
				services = rs.getLong(1);
			}
			Worker w = workers(rig, 1).get(0);
			String[] needs = { "food-insecurity", "housing-instability", "transportation", "utilities", "homelessness",
					"financial-strain", "mental-health", "" };
			String[] languages = { "es", "", "so", "en", "vi", "" };
			String[] zips = { "43215", "43207", "43081", "43123", "43017", "43068", "43055", "43015", "43130", "43040", "45011", "44113" };
			String[] words = { "", "", "", "pantry", "rent", "ride", "shelter", "bus pass", "energy", "legal aid", "" };
			int[] radii = { 5, 10, 25, 50 };
			List<String> queries = new ArrayList<>();
			java.util.Random random = new java.util.Random(SEED);
			for (int i = 0; i < 2000; i++) {
				StringBuilder q = new StringBuilder("/community?need=").append(needs[random.nextInt(needs.length)])
					.append("&lang=").append(languages[random.nextInt(languages.length)])
					.append("&place=").append(zips[random.nextInt(zips.length)])
					.append("&radius=").append(radii[random.nextInt(radii.length)])
					.append("&q=").append(enc(words[random.nextInt(words.length)]));
				if (random.nextInt(4) == 0) q.append("&openNow=true");
				if (random.nextInt(5) == 0) q.append("&age=").append(20 + random.nextInt(60));
				queries.add(q.toString());
			}
			// warm-up, then one case manager searching (latency), then eight at once
			for (int i = 0; i < 300; i++) ok(w.session().get(queries.get(i)));
			LoadRun.Result one = LoadRun.run("(h) community search, 1 client", List.of(n -> ok(w.session().get(queries.get(300 + n % 1700)))),
					Duration.ofSeconds(Math.max(20, SECONDS)));
			print(one);
			List<Worker> eight = workers(rig, 8);
			List<LoadRun.Client> clients = new ArrayList<>();
			for (int k = 0; k < eight.size(); k++) {
				Worker x = eight.get(k);
				int offset = k * 200;
				clients.add(n -> ok(x.session().get(queries.get((offset + n) % queries.size()))));
			}
			LoadRun.Result many = LoadRun.run("(h) community search, " + eight.size() + " clients", clients, Duration.ofSeconds(Math.max(20, SECONDS)));
			print(many);
			List<String> listPages = List.of("/community/directory", "/community/directory?page=37", "/community/directory?stale=true",
					"/community/directory?name=pantry");
			LoadRun.Result list = LoadRun.run("(h) directory list page, 1 client", List.of(n -> ok(w.session().get(listPages.get(n % listPages.size())))),
					Duration.ofSeconds(10));
			print(list);
			// the referral lists: the case manager's referrals (waiting first) and a patient's, over referrals seeded once
			int referrals = seedReferrals(rig, w);
			List<String> referralPages = new ArrayList<>(List.of("/community/referrals/mine"));
			for (UUID patient : w.patients().subList(0, Math.min(20, w.patients().size()))) {
				referralPages.add("/patients/" + patient + "/community/referrals");
			}
			LoadRun.Result referralLists = LoadRun.run("(h) referral lists (mine, a patient's), 1 client",
					List.of(n -> ok(w.session().get(referralPages.get(n % referralPages.size())))), Duration.ofSeconds(10));
			print(referralLists);
			StringBuilder plans = new StringBuilder("## Query plans (community search and directory list)\n\n");
			Map<String, String> pages = new LinkedHashMap<>();
			pages.put("Search: need + language + 10 miles", "/community?need=food-insecurity&lang=es&place=43207&radius=10");
			pages.put("Search: need + language + 25 miles + words", "/community?need=housing-instability&lang=es&place=43215&radius=25&q=rent");
			pages.put("Search: words only, 50 miles", "/community?place=43081&radius=50&q=pantry");
			pages.put("Search: need, open now, age", "/community?need=transportation&place=43123&radius=25&openNow=true&age=70");
			pages.put("Directory list", "/community/directory?page=37");
			pages.put("Directory list: stale only", "/community/directory?stale=true");
			pages.put("My community referrals", "/community/referrals/mine");
			pages.put("A patient's community referrals", "/patients/" + w.patients().get(0) + "/community/referrals");
			for (Map.Entry<String, String> page : pages.entrySet()) {
				List<String> statements = SqlCapture.capture(rig, "caremap_app", () -> ok(w.session().get(page.getValue())));
				plans.append("### ").append(page.getKey()).append(" (`").append(page.getValue()).append("`)\n\n");
				try (Connection c = rig.application(); Statement s = c.createStatement()) {
					for (String sql : statements) {
						String t = sql.strip().toLowerCase(Locale.ROOT);
						if (!t.contains("community_")) continue;
						if (!t.startsWith("select") && !t.startsWith("with")) continue;
						plans.append("```\n");
						try (ResultSet rs = s.executeQuery("explain (analyze, buffers off, timing off, summary on) " + sql)) {
							while (rs.next()) plans.append(rs.getString(1)).append('\n');
						}
						plans.append("```\n\n");
					}
				}
			}
			String table = String.join("\n", List.of("| measure | value |", "|---|---|",
					row(one), row(many), row(list), row(referralLists),
					String.format(Locale.ROOT, "| referrals | %,d community referrals of the measured case manager |", referrals),
					String.format(Locale.ROOT, "| directory | %,d active services (synthetic, within 120 miles of Columbus), loaded in %.0f s |", services, loadSeconds),
					"| run | only (h), commit " + PackagedApp.commit() + ", " + Instant.now() + " |")) + "\n\n" + plans;
			Path out = Path.of("target", "benchmarks");
			Files.createDirectories(out);
			Files.writeString(out.resolve("scale-h.md"), table);
			System.out.println(table);
		}
	}

	/** Mode i's workload: conferences, message threads, messages (each to two or three people), clocks at risk. */
	static final int TEAM_CONFERENCES = 2_000;
	static final int TEAM_THREADS = 20_000;
	static final int TEAM_MESSAGES = 100_000;
	static final int TEAM_CLOCKS = 20_000;

	/** A list page of mode i: its name, and one request of it by a client (a session, or the FHIR token). */
	record TeamPage(String name, String path, @org.jspecify.annotations.Nullable String user) {
	}

	/**
	 * Mode i: the team's list pages on a realistic team workload (its own population of 1,000 patients in
	 * {@code bench-data/team-i}, then 2,000 case conferences with 3 cases and 3 decisions each, 20,000 message
	 * threads on the cases with 100,000 messages to the case manager and one or two more of the demo staff, and 20,000
	 * running clocks of the supervised programs, all seeded once with set-based SQL): each page signed in as the user
	 * who reads it, one client then four (p50/p95), and the plans of the pages' statements on the team's and the clocks'
	 * tables, marked where one reads a whole table. Written to {@code target/benchmarks/scale-i.md}; never fails on a
	 * timing.
	 */
	private static void teamOnly() throws Exception {
		Path folder = Path.of(System.getProperty("caremap.bench.data", "bench-data")).resolve("team-i");
		if (!Files.exists(folder.resolve("population.properties"))) Folders.deleteTree(folder);
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) population = rig.populate(1000, SEED);
			String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
			long seedStarted = System.nanoTime();
			Map<String, Long> seeded = seedTeam(rig);
			double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
			System.out.println("Team workload: " + seeded + String.format(Locale.ROOT, " (%.1f s)", seedSeconds));
			rig.startApp(false);
			rig.untilHealthy();
			rig.awaitQuietJobs(Duration.ofMinutes(10));
			Worker w = workers(rig, 1).get(0);
			UUID busyPatient;
			long busyRecipient;
			try (Connection c = rig.owner(); Statement s = c.createStatement()) {
				try (ResultSet rs = s.executeQuery("""
						select t.patient_id from message_thread t join care_case k on k.id = t.case_id
						where k.case_manager_id = '%s' group by t.patient_id order by count(*) desc, t.patient_id limit 1""".formatted(w.id()))) {
					rs.next();
					busyPatient = rs.getObject(1, UUID.class);
				}
				try (ResultSet rs = s.executeQuery("select count(*) from message_recipient where user_id = '" + w.id() + "'")) {
					rs.next();
					busyRecipient = rs.getLong(1);
				}
			}
			String[] apiClient = apiClient(rig);
			String token = token(rig, apiClient[0], apiClient[1]);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			List<TeamPage> pages = List.of(
					new TeamPage("(i) conferences, page 1", "/team/conferences", w.username()),
					new TeamPage("(i) conferences, page 61", "/team/conferences?page=60", w.username()),
					new TeamPage("(i) messages inbox (busy recipient)", "/team/messages", w.username()),
					new TeamPage("(i) a patient's messages tab", "/patients/" + busyPatient + "/messages", w.username()),
					new TeamPage("(i) clocks at risk (supervisor)", "/clocks/at-risk", "supervisor"),
					new TeamPage("(i) FHIR Communication?patient=", "/fhir/Communication?patient=" + busyPatient, null),
					new TeamPage("(i) FHIR Communication (no patient)", "/fhir/Communication?_count=20", null),
					new TeamPage("(i) FHIR Communication (no patient), offset 2000", "/fhir/Communication?_count=20&_offset=2000", null));
			PageRuns runs = measurePages(rig, pages, "## Query plans of the team's list pages\n\n",
					Pattern.compile("\\b(message|message_thread|message_recipient|conference|conference_case|conference_decision|"
							+ "conference_attendee|clock_instance)\\b"),
					page -> {
						Browserless session = page.user() == null ? null : signIn(rig, page.user());
						return page.user() == null ? n -> fhir(http, rig, token, page.path()) : n -> ok(session.get(page.path()));
					});
			report("i", runs, loadBefore, List.of("| workload | " + seeded.entrySet().stream()
				.map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).reduce((a, b) -> a + ", " + b).orElse("")
					+ String.format(Locale.ROOT, " (seeded in %.1f s this run; 0 s when kept)", seedSeconds)
					+ "; the busy recipient (" + w.username() + ") was sent " + String.format(Locale.ROOT, "%,d", busyRecipient)
					+ " messages |", "| statements reading a team or clock table whole | " + runs.wholeReads() + " |"));
		}
	}

	/**
	 * Mode k, the supervisor's reports (issue 22) on the full population ({@code -Dcaremap.bench.patients}, default 1m,
	 * kept in {@code bench-data/population-<n>/} like the main run; the loader fills the outcome measures' read model):
	 * the outcomes dashboard for the whole organisation (last month beside the month before) and for one program over
	 * the last full quarter, the readmissions drill-down, the billing worksheets and the budget page, signed in as the
	 * supervisor of every program, one client then four (p50/p95), with the plans of their statements on the
	 * reports' tables. Written to {@code target/benchmarks/scale-k.md}; never fails on a timing.
	 */
	private static void reportsOnly() throws Exception {
		int patients = patients(SIZE);
		Path folder = populationFolder(patients);
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) population = rig.populate(patients, SEED);
			String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
			startQuiet(rig);
			UUID program;
			long cases;
			try (Connection c = rig.owner(); Statement s = c.createStatement()) {
				try (ResultSet rs = s.executeQuery("select program_id, count(*) from quality_case group by program_id order by 2 desc, 1 limit 1")) {
					rs.next();
					program = rs.getObject(1, UUID.class);
				}
				try (ResultSet rs = s.executeQuery("select count(*) from quality_case")) {
					rs.next();
					cases = rs.getLong(1);
				}
			}
			java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York"));
			java.time.LocalDate quarter = today.withDayOfMonth(1).minusMonths((today.getMonthValue() - 1) % 3).minusMonths(3);
			String filter = "program=" + program + "&from=" + quarter + "&to=" + quarter.plusMonths(3).minusDays(1)
					+ "&compareFrom=" + quarter.minusMonths(3) + "&compareTo=" + quarter.minusDays(1);
			// an outreach registry as a supervisor would save it (heart failure, not enrolled), evaluated once through the page
			UUID rule = UUID.randomUUID();
			try (Connection c = rig.owner(); Statement s = c.createStatement()) {
				s.executeUpdate("insert into outreach_rule (id, name, condition_groups, not_enrolled, created_by) values ('" + rule
						+ "', 'Heart failure, not enrolled (bench " + rule.toString().substring(0, 8) + ")', '{I50}', true, 'supervisor')");
			}
			Browserless evaluator = signIn(rig, "supervisor");
			ok(evaluator.get("/transitions/registries"));
			long evaluateStart = System.nanoTime();
			HttpResponse<String> evaluated = evaluator.post("/transitions/registries/evaluate", Map.of());
			long evaluateMillis = (System.nanoTime() - evaluateStart) / 1_000_000;
			long members;
			try (Connection c = rig.owner(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("select count(*) from outreach_member where rule_id = '" + rule + "'")) {
				rs.next();
				members = rs.getLong(1);
			}
			List<TeamPage> pages = List.of(
					new TeamPage("(k) outcomes, whole organisation, last month", "/quality", "supervisor"),
					new TeamPage("(k) outcomes, the largest program, last quarter", "/quality?" + filter, "supervisor"),
					new TeamPage("(k) readmissions drill-down, the largest program, last quarter", "/quality/readmissions/patients?" + filter, "supervisor"),
					new TeamPage("(k) billing worksheets", "/billing/worksheets", "supervisor"),
					new TeamPage("(k) program budget", "/budgets", "supervisor"),
					new TeamPage("(k) outreach registries", "/transitions/registries", "supervisor"),
					new TeamPage("(k) an outreach registry's members (first page)", "/transitions/registries/" + rule, "supervisor"),
					new TeamPage("(k) team credentials", "/credentials/team", "supervisor"),
					new TeamPage("(k) supervision: load against target, suggested rebalancing", "/caseload/team/supervision", "supervisor"));
			PageRuns runs = measurePages(rig, pages, "## Query plans of the supervisor's reports\n\n",
					Pattern.compile("\\b(quality_[a-z_]+|billing_[a-z_]+|budget[a-z_]*|outreach_[a-z_]+|workforce_[a-z_]+|caseload_capacity[a-z_]*)\\b"),
					page -> {
						Browserless session = signIn(rig, page.user());
						return n -> ok(session.get(page.path()));
					});
			// the dashboard serves figures kept ready; what computing them took (the job's and the first reader's wait)
			List<String> extra = new ArrayList<>(List.of("| outreach registry evaluated through the page (every active rule) | "
					+ String.format(Locale.ROOT, "%,d ms, status %d; the bench's rule has %,d members", evaluateMillis, evaluated.statusCode(), members)
					+ " |", "| workload | " + String.format(Locale.ROOT, "%,d patients, %,d cases in the outcome measures' read model", patients, cases)
					+ " |", "| statements reading a reports table whole | " + runs.wholeReads() + " |"));
			try (Connection c = rig.owner(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("select filter_key, compute_ms from quality_kept order by compute_ms desc")) {
				while (rs.next()) {
					String key = rs.getString(1);
					String what = key.startsWith("-|-|-|") ? "whole organisation" : key.equals(program + "|-|-|" + quarter + "|" + quarter.plusMonths(3).minusDays(1))
							? "largest program" : "program";
					extra.add("| figures computed (kept ready): " + what + ", " + key.substring(key.lastIndexOf('|', key.lastIndexOf('|') - 1) + 1).replace('|', '/')
							+ " | " + String.format(Locale.ROOT, "%,d ms", rs.getLong(2)) + " |");
				}
			}
			report("k", runs, loadBefore, extra);
		}
	}

	/**
	 * Mode l, FHIR Patient reads and searches (issue 24) on the main population ({@code -Dcaremap.bench.patients},
	 * kept in {@code bench-data/population-<n>/}): {@code Patient/{id}}, {@code Patient?identifier=system|value} and
	 * {@code Patient?family=} (a family name's first letters, 20 a page), each with one system token, 16 clients for
	 * {@code caremap.bench.seconds} after a warm-up, with the plans of the searches' statements. Written to
	 * {@code target/benchmarks/scale-l.md}; never fails on a timing.
	 */
	private static void fhirPatientsOnly() throws Exception {
		int patients = patients(SIZE);
		Path folder = populationFolder(patients);
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) population = rig.populate(patients, SEED);
			String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
			startQuiet(rig);
			List<UUID> ids = new ArrayList<>();
			List<String> identifiers = new ArrayList<>();
			List<String> families = new ArrayList<>();
			try (Connection c = rig.owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
					select p.id, p.family_name,
					       (select i.system || '|' || i.value from patient_identifier i where i.patient_id = p.id order by i.type, i.system limit 1)
					from patient p where not p.voided and p.merged_into is null order by md5(p.id::text) limit 2000""")) {
				while (rs.next()) {
					ids.add(rs.getObject(1, UUID.class));
					String family = rs.getString(2);
					// the first four letters: a prefix as people type it (starts-with), often several patients
					families.add(family.substring(0, Math.min(4, family.length())));
					if (rs.getString(3) != null) identifiers.add(rs.getString(3));
				}
			}
			String[] apiClient = apiClient(rig);
			String token = token(rig, apiClient[0], apiClient[1]);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			Map<String, java.util.function.IntFunction<String>> operations = new LinkedHashMap<>();
			operations.put("(l) FHIR Patient/{id}", n -> "/fhir/Patient/" + ids.get(n % ids.size()));
			operations.put("(l) FHIR Patient?identifier= (system and value)", n -> "/fhir/Patient?identifier=" + enc(identifiers.get(n % identifiers.size())));
			operations.put("(l) FHIR Patient?family= (first 4 letters)", n -> "/fhir/Patient?family=" + enc(families.get(n % families.size())));
			List<LoadRun.Result> results = new ArrayList<>();
			List<String> cpuRows = new ArrayList<>();
			StringBuilder plans = new StringBuilder("## Statements and plans of one request each\n\n");
			for (Map.Entry<String, java.util.function.IntFunction<String>> op : operations.entrySet()) {
				List<LoadRun.Client> clients = new ArrayList<>();
				for (int i = 0; i < 16; i++) {
					int lane = i * 7919;
					clients.add(n -> fhir(http, rig, token, op.getValue().apply(lane + n)));
				}
				LoadRun.run(op.getKey() + ", warm-up", clients, Duration.ofSeconds(10));
				long[] before = { cpuTicks(rig.appPid()), postgresTicks(rig), cpuTicks(ProcessHandle.current().pid()) };
				LoadRun.Result result = LoadRun.run(op.getKey(), clients, Duration.ofSeconds(SECONDS));
				long[] after = { cpuTicks(rig.appPid()), postgresTicks(rig), cpuTicks(ProcessHandle.current().pid()) };
				print(result);
				results.add(result);
				// CPU each request cost (clock ticks of 10 ms): what bounds the rate on this machine whatever else runs on it
				double requests = Math.max(1, result.completed());
				String cpu = String.format(Locale.ROOT, "| %s: CPU per request | Caremap %.2f ms, PostgreSQL %.2f ms, load clients %.2f ms |",
						op.getKey(), (after[0] - before[0]) * 10 / requests, (after[1] - before[1]) * 10 / requests,
						(after[2] - before[2]) * 10 / requests);
				System.out.println(cpu);
				cpuRows.add(cpu);
				List<String> statements = SqlCapture.capture(rig, "caremap_app", () -> {
					try {
						fhir(http, rig, token, op.getValue().apply(1));
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
				plans.append("### ").append(op.getKey()).append(" (").append(statements.size()).append(" statements)\n\n```sql\n");
				for (String sql : statements) {
					String line = sql.strip().replaceAll("\\s+", " ");
					plans.append(line.length() > 240 ? line.substring(0, 240) + " ..." : line).append('\n');
				}
				plans.append("```\n\n");
				explain(rig, statements, Pattern.compile("\\bpatient(_identifier)?\\b"), plans);
			}
			cpuRows.add("| workload | " + String.format(Locale.ROOT,
					"%,d patients; 16 clients, one system token (system/*.rs), %d s per operation after 10 s of warm-up", patients, SECONDS) + " |");
			report("l", new PageRuns(results, plans, 0), loadBefore, cpuRows);
		}
	}

	/** CPU clock ticks (user and system) this process has used, with those of its children that ended. */
	private static long cpuTicks(long pid) throws java.io.IOException {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
	}

	/** CPU clock ticks of the rig's PostgreSQL: the postmaster and every process it started (its backends). */
	private static long postgresTicks(ScaleRig rig) throws java.io.IOException {
		long postmaster = Long.parseLong(Files.readAllLines(rig.folder().resolve("postgres").resolve("postmaster.pid")).get(0).strip());
		long ticks = cpuTicks(postmaster);
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String stat = Files.readString(proc.resolve("stat"));
					String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					if (Long.parseLong(f[1]) == postmaster) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
				}
				catch (java.io.IOException gone) {
					// ended meanwhile
				}
			}
		}
		return ticks;
	}

	/** A client of one measured page (signing in as it needs). */
	interface PageClient {
		LoadRun.Client of(TeamPage page) throws Exception;
	}

	/** Measuring a list of pages gave: the figures, the plans of their statements, how many read a table whole. */
	record PageRuns(List<LoadRun.Result> results, StringBuilder plans, int wholeReads) {
	}

	/**
	 * Each page: four clients (each its own session), 10 warm-up requests, one client for 10 s, four for 10 s; then the
	 * statements of one request captured from PostgreSQL's log and explained where they touch these tables.
	 */
	private static PageRuns measurePages(ScaleRig rig, List<TeamPage> pages, String plansTitle, Pattern tables,
			PageClient clients) throws Exception {
		List<LoadRun.Result> results = new ArrayList<>();
		StringBuilder plans = new StringBuilder(plansTitle);
		int wholeReads = 0;
		for (TeamPage page : pages) {
			List<LoadRun.Client> four = new ArrayList<>();
			for (int i = 0; i < 4; i++) four.add(clients.of(page));
			for (int i = 0; i < 10; i++) four.get(0).call(i); // warm-up
			LoadRun.Result one = LoadRun.run(page.name() + ", 1 client", four.subList(0, 1), Duration.ofSeconds(10));
			print(one);
			LoadRun.Result many = LoadRun.run(page.name() + ", 4 clients", four, Duration.ofSeconds(10));
			print(many);
			results.add(one);
			results.add(many);
			List<String> statements = SqlCapture.capture(rig, "caremap_app", () -> {
				try {
					four.get(0).call(0);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			plans.append("### ").append(page.name()).append(" (`").append(page.path().replaceAll("[0-9a-f-]{36}", "{id}"))
				.append("`)\n\n");
			wholeReads += explain(rig, statements, tables, plans);
		}
		return new PageRuns(results, plans, wholeReads);
	}

	/** Writes {@code target/benchmarks/scale-<mode>.md}: the figures, these rows, the machine and run, the plans. */
	private static void report(String mode, PageRuns runs, String loadBefore, List<String> rows) throws Exception {
		String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
		List<String> md = new ArrayList<>(List.of("| measure | value |", "|---|---|"));
		runs.results().forEach(r -> md.add(row(r)));
		md.addAll(rows);
		md.add("| machine | " + Runtime.getRuntime().availableProcessors() + " CPUs; clients, Caremap and PostgreSQL on the same machine; "
				+ "load average before " + loadBefore + ", after " + loadAfter + " |");
		md.add("| run | only (" + mode + "), commit " + PackagedApp.commit() + ", " + Instant.now() + "; 10 s per measure |");
		String table = String.join("\n", md) + "\n\n" + runs.plans();
		Path out = Path.of("target", "benchmarks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("scale-" + mode + ".md"), table);
		System.out.println(table);
	}

	/** Patients of mode (j)'s own population ({@code -Dcaremap.bench.portal-patients=200} for a quick run). */
	static final String PORTAL_SIZE = System.getProperty("caremap.bench.portal-patients", "1000");
	/** Threads shared with mode (j)'s patient, and messages in each. */
	static final int PORTAL_THREADS = 400;
	static final int PORTAL_MESSAGES_PER_THREAD = 10;
	static final String PORTAL_LOGIN = "bench-portal-patient";
	static final String PORTAL_PASSWORD = "Bench portal passphrase 2026";

	/**
	 * Mode (j), the patient portal's pages: a population of its own ({@link #PORTAL_SIZE} patients, kept in
	 * {@code bench-data/portal-j-<size>/}), then, once, a portal account for a patient of the first case manager, with
	 * {@value #PORTAL_THREADS} threads shared with the patient of {@value #PORTAL_MESSAGES_PER_THREAD} messages each
	 * (the team's, some from the patient), seeded with set-based SQL as the schema owner. The portal home and the
	 * messages list, signed in through the portal's own form, one client then four (p50/p95); the statements of one
	 * request explained where they touch the portal's or the messages' tables. Written to
	 * {@code target/benchmarks/scale-j.md}; never fails on a timing.
	 */
	private static void portalOnly() throws Exception {
		int size = patients(PORTAL_SIZE);
		Path folder = Path.of(System.getProperty("caremap.bench.data", "bench-data")).resolve("portal-j-" + size);
		if (!Files.exists(folder.resolve("population.properties"))) Folders.deleteTree(folder);
		try (ScaleRig rig = new ScaleRig(folder)) {
			Properties population = rig.population();
			if (population == null) population = rig.populate(size, SEED);
			String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
			long seedStarted = System.nanoTime();
			Map<String, Long> seeded = seedPortal(rig);
			double seedSeconds = (System.nanoTime() - seedStarted) / 1e9;
			System.out.println("Portal workload: " + seeded + String.format(Locale.ROOT, " (%.1f s)", seedSeconds));
			rig.startApp(false);
			rig.untilHealthy();
			rig.awaitQuietJobs(Duration.ofMinutes(10));
			String[] chart = portalPatientAndManager(rig);
			List<TeamPage> pages = List.of(new TeamPage("(j) portal home", "/portal", PORTAL_LOGIN),
					new TeamPage("(j) portal messages list", "/portal/messages", PORTAL_LOGIN),
					new TeamPage("(j) portal things to do", "/portal/tasks", PORTAL_LOGIN),
					new TeamPage("(j) portal measures (blood pressure)", "/portal/measures", PORTAL_LOGIN),
					new TeamPage("(j) chart's Measures tab (case manager)", "/patients/" + chart[0] + "/measures", chart[1]));
			PageRuns runs = measurePages(rig, pages, "## Query plans of the portal's pages\n\n",
					Pattern.compile("\\b(message|message_thread|message_recipient|portal_account|care_plan|care_plan_version|"
							+ "appointment|task|measure_reading|program_measure_limit)\\b"),
					page -> {
						Browserless session = PORTAL_LOGIN.equals(page.user()) ? portalSignIn(rig) : signIn(rig, page.user());
						return n -> ok(session.get(page.path()));
					});
			report("j", runs, loadBefore, List.of("| workload | " + String.format(Locale.ROOT, "%,d patients; ", size)
					+ seeded.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
						.reduce((a, b) -> a + ", " + b).orElse("")
					+ String.format(Locale.ROOT, " (seeded in %.1f s this run; 0 s when kept) |", seedSeconds),
					"| statements reading a measured table whole | " + runs.wholeReads() + " |"));
		}
	}

	/** A portal session of mode (j)'s patient, signed in through the portal's form (a refused sign-in throws). */
	private static Browserless portalSignIn(ScaleRig rig) {
		Browserless session = new Browserless(rig.base());
		session.get("/portal/login");
		HttpResponse<String> signedIn = session.post("/portal/login", Map.of("username", PORTAL_LOGIN, "password", PORTAL_PASSWORD));
		if (signedIn.statusCode() != 302 || Browserless.location(signedIn).contains("error")) {
			throw new IllegalStateException("portal sign-in refused");
		}
		return session;
	}

	/**
	 * Mode (j)'s workload, made once (SQL, as the schema owner; kept with the population): an active portal account
	 * (the password hashed as Caremap's encoder reads it, {@code {bcrypt}}) for the patient of the first case
	 * manager's open case with the most contacts, and the threads shared with that patient, newest first, each with
	 * its messages (every fifth from the patient in the portal). Returns the rows of each table.
	 */
	private static Map<String, Long> seedPortal(ScaleRig rig) throws SQLException {
		try (Connection c = rig.owner(); Statement s = c.createStatement()) {
			boolean seeded;
			try (ResultSet rs = s.executeQuery("select count(*) from portal_account where login = '" + PORTAL_LOGIN + "'")) {
				rs.next();
				seeded = rs.getLong(1) > 0;
			}
			if (!seeded) {
				c.setAutoCommit(false);
				UUID patient;
				UUID caseId;
				UUID manager;
				try (ResultSet rs = s.executeQuery("""
						select k.patient_id, k.id, k.case_manager_id from care_case k
						where k.status = 'ACTIVE' order by k.case_manager_id, k.id limit 1""")) {
					rs.next();
					patient = rs.getObject(1, UUID.class);
					caseId = rs.getObject(2, UUID.class);
					manager = rs.getObject(3, UUID.class);
				}
				String hash = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode(PORTAL_PASSWORD);
				UUID account = UUID.randomUUID();
				try (PreparedStatement insert = c.prepareStatement("""
						insert into portal_account (id, patient_id, login, display_name, password_hash, status, created_by, activated_at)
						values (?, ?, ?, 'Bench Patient', ?, 'ACTIVE', 'bench', now())""")) {
					insert.setObject(1, account);
					insert.setObject(2, patient);
					insert.setString(3, PORTAL_LOGIN);
					insert.setString(4, hash);
					insert.executeUpdate();
				}
				s.execute("""
						insert into message_thread (id, case_id, patient_id, subject, with_patient, last_posted_at, created_by, updated_by)
						select gen_random_uuid(), '%s', '%s', 'Portal bench thread ' || i, true, now() - i * interval '3 hours',
						       'bench', 'bench'
						from generate_series(0, %d) i""".formatted(caseId, patient, PORTAL_THREADS - 1));
				s.execute("""
						insert into message (id, thread_id, patient_id, author_id, author_name, author_kind, body, urgent, posted_at,
						    created_by, updated_by)
						select gen_random_uuid(), t.id, t.patient_id, case when mod(j, 5) = 4 then '%s'::uuid else '%s'::uuid end,
						       case when mod(j, 5) = 4 then 'Bench Patient' else 'Bench case manager' end,
						       case when mod(j, 5) = 4 then 'PATIENT' else 'STAFF' end,
						       'The readings were fine this week; see you on Tuesday.', false,
						       t.last_posted_at - j * interval '5 minutes', 'bench', 'bench'
						from message_thread t cross join generate_series(0, %d) j
						where t.patient_id = '%s' and t.created_by = 'bench'""".formatted(account, manager, PORTAL_MESSAGES_PER_THREAD - 1, patient));
				c.commit();
				c.setAutoCommit(true);
				for (String table : List.of("portal_account", "message_thread", "message")) s.execute("analyze " + table);
			}
			seedPortalWork(c, s);
			Map<String, Long> rows = new LinkedHashMap<>();
			Map<String, String> counts = new LinkedHashMap<>();
			counts.put("threads shared with the patient", "select count(*) from message_thread where with_patient");
			counts.put("messages shared with the patient",
					"select count(*) from message m join message_thread t on t.id = m.thread_id where t.with_patient");
			counts.put("measure readings", "select count(*) from measure_reading");
			counts.put("the portal patient's readings", "select count(*) from measure_reading r join portal_account a"
					+ " on a.patient_id = r.patient_id where a.login = '" + PORTAL_LOGIN + "'");
			counts.put("tasks the patient does", "select count(*) from task where for_patient");
			for (Map.Entry<String, String> count : counts.entrySet()) {
				try (ResultSet rs = s.executeQuery(count.getValue())) {
					rs.next();
					rows.put(count.getKey(), rs.getLong(1));
				}
			}
			return rows;
		}
	}

	/**
	 * Mode (j)'s readings and things to do, made once beside the messages: every patient of the population has 20
	 * weights (one a week), the portal patient two years of daily blood pressures, weights and steps (about 2,200
	 * readings), and 40 things to do set for that patient (30 open, 10 done).
	 */
	private static void seedPortalWork(Connection c, Statement s) throws SQLException {
		try (ResultSet rs = s.executeQuery("select count(*) from measure_reading where created_by = 'bench'")) {
			rs.next();
			if (rs.getLong(1) > 0) return;
		}
		c.setAutoCommit(false);
		s.execute("""
				insert into measure_reading (id, patient_id, kind, value, unit, taken_at, source, entered_by, entered_by_name,
				    created_by)
				select gen_random_uuid(), p.id, 'WEIGHT', 60 + mod(abs(hashtext(p.id::text)), 60) + w * 0.1, 'kg',
				       now() - w * interval '7 days', 'STAFF', 'bench', 'Bench case manager', 'bench'
				from patient p cross join generate_series(0, 19) w""");
		s.execute("""
				insert into measure_reading (id, patient_id, kind, systolic, diastolic, value, unit, taken_at, source,
				    entered_by, entered_by_name, created_by)
				select gen_random_uuid(), a.patient_id, k.kind,
				       case when k.kind = 'BLOOD_PRESSURE' then 120 + mod(d, 40) end,
				       case when k.kind = 'BLOOD_PRESSURE' then 70 + mod(d, 20) end,
				       case k.kind when 'WEIGHT' then 80 + mod(d, 7) when 'STEPS' then 2000 + mod(d * 37, 6000) end,
				       case k.kind when 'BLOOD_PRESSURE' then 'mm[Hg]' when 'WEIGHT' then 'kg' else '/d' end,
				       now() - d * interval '1 day', 'PATIENT', a.id::text, a.display_name, 'bench'
				from portal_account a cross join generate_series(0, 729) d
				     cross join (values ('BLOOD_PRESSURE'), ('WEIGHT'), ('STEPS')) k(kind)
				where a.login = '%s' and (k.kind = 'BLOOD_PRESSURE' or mod(d, 3) = 0)""".formatted(PORTAL_LOGIN));
		s.execute("""
				insert into task (id, patient_id, case_id, type, title, owner_user_id, status, priority, due_at, completed_at,
				    completed_by, outcome, created_by, for_patient)
				select gen_random_uuid(), k.patient_id, k.id, 'OTHER', 'Walk ten minutes after lunch (' || i || ')',
				       k.case_manager_id, case when i < 30 then 'READY' else 'COMPLETED' end, 'ROUTINE',
				       now() + (i - 10) * interval '1 day', case when i >= 30 then now() end,
				       case when i >= 30 then 'bench' end, case when i >= 30 then 'Done' end, 'bench', true
				from care_case k join portal_account a on a.patient_id = k.patient_id cross join generate_series(0, 39) i
				where a.login = '%s' and k.status = 'ACTIVE'""".formatted(PORTAL_LOGIN));
		c.commit();
		c.setAutoCommit(true);
		for (String table : List.of("measure_reading", "task")) s.execute("analyze " + table);
	}

	/** The portal patient's id and the username of their case manager (for the chart's Measures tab). */
	private static String[] portalPatientAndManager(ScaleRig rig) throws SQLException {
		try (Connection c = rig.owner(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("""
						select a.patient_id, u.username from portal_account a
						join care_case k on k.patient_id = a.patient_id and k.status = 'ACTIVE'
						join user_account u on u.id = k.case_manager_id
						where a.login = '%s' order by k.id limit 1""".formatted(PORTAL_LOGIN))) {
			if (!rs.next()) throw new IllegalStateException("no portal patient with an active case");
			return new String[] { rs.getString(1), rs.getString(2) };
		}
	}

	/**
	 * The plans ({@code EXPLAIN ANALYZE}) of the captured statements that touch these tables, appended; returns how many
	 * read one of them whole (a sequential scan).
	 */
	private static int explain(ScaleRig rig, List<String> statements, Pattern tables, StringBuilder out) throws SQLException {
		int whole = 0;
		try (Connection c = rig.application(); Statement s = c.createStatement()) {
			for (String sql : statements) {
				String t = sql.strip().toLowerCase(Locale.ROOT);
				if (!tables.matcher(t).find()) continue;
				if (!t.startsWith("select") && !t.startsWith("with") && !t.startsWith("(select")) continue;
				StringBuilder plan = new StringBuilder();
				try (ResultSet rs = s.executeQuery("explain (analyze, buffers off, timing off, summary on) " + sql)) {
					while (rs.next()) plan.append(rs.getString(1)).append('\n');
				}
				catch (SQLException ex) {
					plan.append("(not explained: ").append(ex.getMessage().lines().findFirst().orElse("")).append(")\n");
				}
				Matcher seq = Pattern.compile("Seq Scan on (\\w+)").matcher(plan);
				boolean read = false;
				while (seq.find()) read |= tables.matcher(seq.group(1)).matches();
				if (read) whole++;
				out.append(read ? "**Reads a measured table whole:**\n\n" : "").append("```sql\n")
					.append(sql.strip().replaceAll("\\s+", " ")).append("\n```\n```\n").append(plan).append("```\n\n");
			}
		}
		return whole;
	}

	/**
	 * The team workload, made once (SQL, as the schema owner; kept with the population): conferences over the last
	 * years (the newest planned, the rest signed) with attendees, cases and a decision per case; threads on the cases,
	 * five messages each, to the case manager and one or two more of the staff (unread for a third); running clocks of
	 * the programs, a tenth of them due within a day (the at-risk list). Returns the rows of each table.
	 */
	private static Map<String, Long> seedTeam(ScaleRig rig) throws SQLException {
		try (Connection c = rig.owner(); Statement s = c.createStatement()) {
			boolean seeded;
			try (ResultSet rs = s.executeQuery("select count(*) from conference where created_by = 'bench'")) {
				rs.next();
				seeded = rs.getLong(1) > 0;
			}
			if (!seeded) {
				c.setAutoCommit(false);
				s.execute("""
						create temporary table bench_staff as
						select row_number() over (order by u.id) - 1 as n, u.id, u.username from user_account u
						where exists (select 1 from user_role r where r.user_id = u.id and r.role in ('CASE_MANAGER', 'SUPERVISOR', 'CARE_TEAM'))""");
				s.execute("""
						create temporary table bench_case as
						select row_number() over (order by k.id) - 1 as n, k.id, k.patient_id, k.case_manager_id, k.program_id
						from care_case k where k.status <> 'CLOSED'""");
				s.execute("""
						insert into conference (id, title, starts_at, status, facilitator_id, signed_by, signed_by_name, signed_at,
						    created_by, updated_by)
						select gen_random_uuid(), 'Case conference ' || i, now() - i * interval '9 hours',
						       case when i < 20 then 'DRAFT' else 'SIGNED' end, f.id,
						       case when i >= 20 then f.id end, case when i >= 20 then 'Bench facilitator' end,
						       case when i >= 20 then now() - i * interval '9 hours' + interval '2 hours' end, 'bench', 'bench'
						from generate_series(0, %d) i
						join bench_staff f on f.n = mod(i, (select count(*) from bench_staff))""".formatted(TEAM_CONFERENCES - 1));
				s.execute("""
						insert into conference_attendee (id, conference_id, user_id, name, role, created_by)
						select gen_random_uuid(), x.id, a.id, a.username, 'Case manager', 'bench'
						from (select id, row_number() over (order by id) as r from conference) x
						cross join generate_series(0, 2) j
						join bench_staff a on a.n = mod(x.r + j * 7, (select count(*) from bench_staff))
						on conflict do nothing""");
				s.execute("""
						insert into conference_case (id, conference_id, case_id, patient_id, position, reasons, notes, created_by, updated_by)
						select gen_random_uuid(), x.id, k.id, k.patient_id, j, 'High acuity; stalled goal',
						       'Discussed the plan; the daughter helps with the medicines.', 'bench', 'bench'
						from (select id, row_number() over (order by id) as r from conference) x
						cross join generate_series(0, 2) j
						join bench_case k on k.n = mod(x.r * 3 + j, (select count(*) from bench_case))""");
				s.execute("""
						insert into conference_decision (id, conference_id, conference_case_id, patient_id, case_id, text, owner_id,
						    owner_name, due_on, created_by, updated_by)
						select gen_random_uuid(), k.conference_id, k.id, k.patient_id, k.case_id, 'Call the pharmacy about the refill',
						       f.id, f.username, current_date + 7, 'bench', 'bench'
						from conference_case k join bench_staff f on f.n = mod(k.position, (select count(*) from bench_staff))
						where k.created_by = 'bench'""");
				s.execute("""
						insert into message_thread (id, case_id, patient_id, subject, last_posted_at, created_by, updated_by)
						select gen_random_uuid(), k.id, k.patient_id, 'Bench thread ' || i, now() - i * interval '7 minutes', 'bench', 'bench'
						from generate_series(0, %d) i join bench_case k on k.n = mod(i, (select count(*) from bench_case))"""
					.formatted(TEAM_THREADS - 1));
				s.execute("""
						create temporary table bench_thread as
						select row_number() over (order by t.id) - 1 as n, t.id, t.patient_id, t.last_posted_at, k.case_manager_id
						from message_thread t join care_case k on k.id = t.case_id where t.created_by = 'bench'""");
				s.execute("""
						insert into message (id, thread_id, patient_id, author_id, author_name, body, urgent, posted_at, created_by, updated_by)
						select gen_random_uuid(), t.id, t.patient_id, a.id, a.username,
						       'Readings were high this morning; please call the daughter before noon.', mod(i, 50) = 0,
						       t.last_posted_at - (i / %d) * interval '1 hour', 'bench', 'bench'
						from generate_series(0, %d) i
						join bench_thread t on t.n = mod(i, %d)
						join bench_staff a on a.n = mod(i * 7, (select count(*) from bench_staff))"""
					.formatted(TEAM_THREADS, TEAM_MESSAGES - 1, TEAM_THREADS));
				s.execute("""
						insert into message_recipient (message_id, user_id, external, read_at)
						select m.id, r.user_id, false, case when mod(abs(hashtext(m.id::text)), 3) = 0 then null else m.posted_at + interval '1 hour' end
						from message m join bench_thread t on t.id = m.thread_id
						cross join lateral (select t.case_manager_id as user_id
						                    union select b.id from bench_staff b
						                    where b.n = mod(abs(hashtext(m.id::text)), (select count(*) from bench_staff))) r
						where m.created_by = 'bench' and r.user_id <> m.author_id""");
				c.commit();
				c.setAutoCommit(true);
				for (String table : List.of("conference", "conference_case", "conference_decision", "conference_attendee", "message_thread",
						"message", "message_recipient", "clock_instance")) {
					s.execute("analyze " + table);
				}
			}
			try (ResultSet rs = s.executeQuery("select count(*) from clock_instance where created_by = 'bench'")) {
				rs.next();
				seeded = rs.getLong(1) > 0;
			}
			if (!seeded) {
				// the population's programs are made after the migration that gave each program its built-in clocks: one
				// clock definition for those without any, then the running clocks
				s.execute("""
						insert into clock_definition (id, program_id, key, name, start_event, stop_event, unit, target, warn_before,
						    pause_on_hold, pause_in_hospital, keep_time_left, notify, built_in, created_by)
						select gen_random_uuid(), p.id, 'bench-first-contact', 'First contact after enrolment', 'ENROLMENT',
						       'FIRST_CONTACT', 'CALENDAR_DAYS', 14, 2, true, false, true, 'NOBODY', false, 'bench'
						from program p where not exists (select 1 from clock_definition d where d.program_id = p.id)""");
				s.execute("""
						create temporary table if not exists bench_case as
						select row_number() over (order by k.id) - 1 as n, k.id, k.patient_id, k.case_manager_id, k.program_id
						from care_case k where k.status <> 'CLOSED'""");
				s.execute("""
						insert into clock_instance (id, definition_id, program_id, patient_id, case_id, subject, status, target,
						    started_at, due_at, warn_at, breached_at, created_by)
						select gen_random_uuid(), d.id, k.program_id, k.patient_id, k.id, 'bench-' || i, 'RUNNING', d.target,
						       now() - interval '10 days', now() + (mod(i, 100) - 10) * interval '3 hours', null,
						       case when mod(i, 100) < 10 then now() + (mod(i, 100) - 10) * interval '3 hours' end, 'bench'
						from generate_series(0, %d) i
						join bench_case k on k.n = mod(i, (select count(*) from bench_case))
						join lateral (select id, target from clock_definition d where d.program_id = k.program_id
						              and d.retired_at is null order by d.key limit 1) d on true"""
					.formatted(TEAM_CLOCKS - 1));
				s.execute("analyze clock_instance");
			}
			Map<String, Long> rows = new LinkedHashMap<>();
			for (String table : List.of("conference", "conference_case", "conference_decision", "message_thread", "message",
					"message_recipient", "clock_instance")) {
				try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
					rs.next();
					rows.put(table, rs.getLong(1));
				}
			}
			return rows;
		}
	}

	/**
	 * Community referrals of this case manager's patients to the directory's services, in every status, so that her
	 * referral lists have something to read: 2,000 in all, made once (SQL, as the schema owner).
	 */
	private static int seedReferrals(ScaleRig rig, Worker w) throws SQLException {
		try (Connection c = rig.owner(); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("select count(*) from community_referral where sender_id = '" + w.id() + "'")) {
				rs.next();
				if (rs.getInt(1) > 0) return rs.getInt(1);
			}
			String patients = w.patients().stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
			return s.executeUpdate("""
					insert into community_referral (id, patient_id, service_id, organization_id, sender_id, sender_name,
					    origin_kind, request, service_name, organization_name, consent_by, consent_at, status, outcome,
					    status_reason, sent_at, answer_due_at, closed_at, created_by, updated_by)
					select gen_random_uuid(), p.patients[1 + mod(i, cardinality(p.patients))], sv.id, sv.organization_id,
					       '%s', 'Bench case manager', 'NONE', 'Please call the patient', sv.name, o.name, 'bench', now(),
					       st.status, case when st.status = 'COMPLETED' then 'SERVICE_DELIVERED' end,
					       case when st.status in ('REJECTED', 'CANCELLED') then 'Not eligible' end,
					       now() - mod(i, 300) * interval '1 day', now() - mod(i, 300) * interval '1 day' + interval '5 days',
					       case when st.status in ('COMPLETED', 'REJECTED', 'CANCELLED') then now() - mod(i, 300) * interval '1 day' + interval '3 days' end,
					       'bench', 'bench'
					from generate_series(0, 1999) i
					cross join (select cast('%s' as uuid[]) as patients) p
					cross join lateral (select (array['REQUESTED', 'RECEIVED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED',
					    'COMPLETED', 'REJECTED', 'CANCELLED'])[1 + mod(i, 8)] as status) st
					join (select id, organization_id, name, row_number() over (order by id) - 1 as n from community_service
					      where status = 'ACTIVE' order by id limit 500) sv on sv.n = mod(i, 500)
					join community_organization o on o.id = sv.organization_id""".formatted(w.id(), patients));
		}
	}

	private static String row(LoadRun.Result r) {
		return String.format(Locale.ROOT, "| %s | %.0f requests/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d failed |",
				r.name(), r.throughput(), r.p50(), r.p95(), r.p99(), r.failed());
	}

	private static void warmUp(List<Worker> workers, Duration duration) throws InterruptedException {
		List<LoadRun.Client> clients = new ArrayList<>();
		for (Worker w : workers.subList(0, Math.min(16, workers.size()))) {
			clients.add(n -> {
				switch (n % 3) {
					case 0 -> ok(w.session().get("/myday"));
					case 1 -> ok(w.session().get("/patients?q=" + enc(w.searches().get(n % w.searches().size()))));
					default -> ok(w.session().get("/patients/" + w.patients().get(n % w.patients().size())));
				}
			});
		}
		LoadRun.Result r = LoadRun.run("warm-up", clients, duration);
		System.out.printf(Locale.ROOT, "warm-up: %d requests, %d failed%s%n", r.completed(), r.failed(),
				r.firstFailure() == null ? "" : " (" + r.firstFailure() + ")");
	}

	private static void print(LoadRun.Result r) {
		System.out.printf(Locale.ROOT, "%-40s %2d clients: %,8.0f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  failed %d%s%n",
				r.name(), r.clients(), r.throughput(), r.p50(), r.p95(), r.p99(), r.failed(),
				r.firstFailure() == null ? "" : " (" + r.firstFailure() + ")");
	}

	private static HttpResponse<String> ok(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode() + " for " + response.uri());
		}
		return response;
	}

	private static void fhir(HttpClient http, ScaleRig rig, String token, String path) throws Exception {
		HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(rig.base() + path))
			.header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").build(),
				HttpResponse.BodyHandlers.ofByteArray());
		if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode() + " for " + path);
	}

	private static String token(ScaleRig rig, String clientId, String secret) throws Exception {
		String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rig.base() + "/oauth2/token"))
			.header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc("system/*.rs"))).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) throw new IllegalStateException("token refused: " + r.body());
		return JSON.readTree(r.body()).get("access_token").asString();
	}

	/** A FHIR API client registered by the admin (system/*.rs): its id and secret. */
	private static String[] apiClient(ScaleRig rig) throws Exception {
		Browserless admin = new Browserless(rig.base());
		admin.login("admin", logins(rig).getProperty("admin"));
		admin.get("/admin/api-clients/new");
		HttpResponse<String> created = admin.post("/admin/api-clients/new",
				Map.of("name", "Scale benchmark " + Instant.now(), "description", "benchmark", "scopes", "system/*.rs"));
		HttpResponse<String> page = admin.get(Browserless.location(created).replaceFirst("^https?://[^/]+", ""));
		return new String[] { group(page.body(), "id=\"client-id\">([^<]+)<"), group(page.body(), "id=\"client-secret\">([^<]+)<") };
	}

	/** A session of this demo user (refused sign-in throws). */
	private static Browserless signIn(ScaleRig rig, String name) throws Exception {
		Properties logins = logins(rig);
		Browserless session = new Browserless(rig.base());
		HttpResponse<String> signedIn = session.login(name, logins.getProperty(name, logins.getProperty("*")));
		if (signedIn.statusCode() != 302 || Browserless.location(signedIn).contains("error")) {
			throw new IllegalStateException("sign-in refused for " + name);
		}
		return session;
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String group(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) throw new IllegalStateException("not found: " + regex);
		return m.group(1);
	}

	static int patients(String size) {
		String t = size.strip().toLowerCase(Locale.ROOT);
		long factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
		if (factor > 1) t = t.substring(0, t.length() - 1);
		return (int) (Long.parseLong(t) * factor);
	}

	private static Properties logins(ScaleRig rig) throws Exception {
		Properties p = new Properties();
		try (var in = Files.newInputStream(rig.home().resolve("demo-logins.properties"))) {
			p.load(in);
		}
		Properties shared = new Properties();
		try (var in = Files.newInputStream(rig.home().resolve("population-logins.properties"))) {
			shared.load(in);
		}
		p.setProperty("*", shared.getProperty("password"));
		return p;
	}

	/** The first case managers, signed in, each with her open cases' patients and search terms that find them. */
	private static List<Worker> workers(ScaleRig rig, int count) throws Exception {
		Properties logins = logins(rig);
		List<Worker> workers = new ArrayList<>();
		try (Connection c = rig.owner()) {
			List<String[]> managers = new ArrayList<>();
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
					select u.username, u.id from user_account u join user_role r on r.user_id = u.id and r.role = 'CASE_MANAGER'
					order by (u.username not like 'casemanager%'), u.username limit""" + " " + count)) {
				while (rs.next()) managers.add(new String[] { rs.getString(1), rs.getString(2) });
			}
			for (String[] m : managers) {
				List<UUID> patients = new ArrayList<>();
				List<String> searches = new ArrayList<>();
				try (PreparedStatement ps = c.prepareStatement("""
						select p.id, p.family_name, p.given_name, p.birth_date,
						       (select value from patient_identifier i where i.patient_id = p.id and i.type = 'MR' limit 1)
						from care_case k join patient p on p.id = k.patient_id
						where k.case_manager_id = ? and k.status <> 'CLOSED' order by k.start_date limit 200""")) {
					ps.setObject(1, UUID.fromString(m[1]));
					try (ResultSet rs = ps.executeQuery()) {
						int i = 0;
						while (rs.next()) {
							patients.add(rs.getObject(1, UUID.class));
							switch (i++ % 4) {
								case 0 -> searches.add(rs.getString(2));
								case 1 -> searches.add(rs.getString(3) + " " + rs.getString(2));
								case 2 -> searches.add(rs.getString(2).substring(0, Math.min(4, rs.getString(2).length())).toLowerCase(Locale.ROOT));
								default -> searches.add(rs.getString(5) != null ? rs.getString(5) : rs.getString(4));
							}
						}
					}
				}
				Browserless session = new Browserless(rig.base());
				HttpResponse<String> signedIn = session.login(m[0], logins.getProperty(m[0], logins.getProperty("*")));
				if (signedIn.statusCode() != 302 || Browserless.location(signedIn).contains("error")) {
					throw new IllegalStateException("sign-in refused for " + m[0]);
				}
				workers.add(new Worker(m[0], UUID.fromString(m[1]), session, patients, searches));
			}
		}
		return workers;
	}

	private static List<UUID> anyPatients(ScaleRig rig, int count) throws Exception {
		List<UUID> out = new ArrayList<>();
		try (Connection c = rig.owner(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select id from patient tablesample system (1) limit " + count)) {
			while (rs.next()) out.add(rs.getObject(1, UUID.class));
		}
		return out;
	}

	private static List<String> mrns(ScaleRig rig, int count) throws Exception {
		List<String> out = new ArrayList<>();
		try (Connection c = rig.owner(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
				"select value from patient_identifier where assigner = 'Riverside General Hospital' and value like 'RGH%' limit " + count)) {
			while (rs.next()) out.add(rs.getString(1));
		}
		return out;
	}

	private static Map<String, Long> rowCounts(ScaleRig rig) throws Exception {
		Map<String, Long> out = new LinkedHashMap<>();
		try (Connection c = rig.owner(); Statement s = c.createStatement()) {
			for (String table : List.of("patient", "care_case", "task", "contact", "progress_note", "referral", "encounter",
					"care_plan", "audit_event", "user_account", "stay_review")) {
				try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
					rs.next();
					out.put(table, rs.getLong(1));
				}
			}
		}
		return out;
	}

	/** The plans of every statement the list pages run, marked where a large table is read whole. */
	private static String plans(ScaleRig rig, Worker w) throws Exception {
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("My day", "/myday");
		pages.put("My caseload", "/caseload");
		pages.put("Patient search", "/patients?q=" + enc(w.searches().get(0)));
		pages.put("Chart", "/patients/" + w.patients().get(0));
		pages.put("Chart: tasks", "/patients/" + w.patients().get(0) + "/tasks");
		pages.put("Chart: timeline", "/patients/" + w.patients().get(0) + "/timeline");
		pages.put("Chart: medications", "/patients/" + w.patients().get(0) + "/medications");
		pages.put("Chart: adherence", "/patients/" + w.patients().get(0) + "/medications/adherence");
		pages.put("Chart: appointments", "/patients/" + w.patients().get(0) + "/appointments");
		pages.put("My transitions", "/transitions/mine");
		pages.put("Chart: authorizations", "/patients/" + w.patients().get(0) + "/authorizations");
		pages.put("Authorizations work list", "/utilization/authorizations");
		pages.put("Notifications", "/notifications");
		// the utilization reviewer's queue (her home), and the supervisor's view of every reviewer's stays
		Map<String, Browserless> sessions = new LinkedHashMap<>();
		for (String name : List.of("reviewer", "supervisor")) sessions.put(name, signIn(rig, name));
		pages.put("Reviewer's queue", "/reviews");
		pages.put("Stays under review (supervisor)", "/reviews?overdue=true");
		Map<String, Browserless> asWhom = Map.of("Reviewer's queue", sessions.get("reviewer"),
				"Stays under review (supervisor)", sessions.get("supervisor"));
		StringBuilder out = new StringBuilder("## Query plans of the list pages\n\n");
		int seqScans = 0;
		for (Map.Entry<String, String> page : pages.entrySet()) {
			Browserless session = asWhom.getOrDefault(page.getKey(), w.session());
			List<String> statements = SqlCapture.capture(rig, "caremap_app", () -> ok(session.get(page.getValue())));
			out.append("### ").append(page.getKey()).append(" (`").append(page.getValue().replaceAll("[0-9a-f-]{36}", "{id}"))
				.append("`)\n\n");
			try (Connection c = rig.application(); Statement s = c.createStatement()) {
				for (String sql : statements) {
					String trimmed = sql.strip().toLowerCase(Locale.ROOT);
					if (!trimmed.startsWith("select") && !trimmed.startsWith("with") && !trimmed.startsWith("(select")) continue;
					StringBuilder plan = new StringBuilder();
					try (ResultSet rs = s.executeQuery("explain (analyze, buffers off, timing off, summary on) " + sql)) {
						while (rs.next()) plan.append(rs.getString(1)).append('\n');
					}
					catch (Exception ex) {
						plan.append("(not explained: ").append(ex.getMessage().lines().findFirst().orElse("")).append(")\n");
					}
					boolean seq = Pattern.compile("Seq Scan on (patient|task|care_case|contact|audit_event|encounter|referral|"
							+ "care_relationship|patient_identifier|progress_note|care_plan|stay_review)\\b").matcher(plan).find();
					if (seq) seqScans++;
					out.append(seq ? "**Reads a large table whole:**\n\n" : "").append("```sql\n")
						.append(sql.strip().replaceAll("\\s+", " ")).append("\n```\n```\n").append(plan).append("```\n\n");
				}
			}
		}
		out.insert("## Query plans of the list pages\n\n".length(),
				"Statements with a sequential scan of a large table: " + seqScans + "\n\n");
		return out.toString();
	}
}
