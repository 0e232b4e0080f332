package org.caremap.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.caremap.support.CaremapProcess;
import org.caremap.support.Eventually;
import org.caremap.support.PackagedApp;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;

/**
 * The sustained ADT ingest rate over MLLP, durable: the packaged application as its own process on a PostgreSQL
 * with fsync, synchronous_commit and full_page_writes on; clients on persistent connections send A04/A03 pairs
 * for the demo patients (each applied: matched, stored, encounter written, and for enrolled patients tasks and
 * alerts). A warm-up is not counted. It reports, it never fails on a timing: run it on purpose with
 * {@code ./mvnw verify -Dtest=none -Dit.test=AdtIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dcaremap.bench.messages=N}, {@code -Dcaremap.bench.connections=C}). Results go to
 * {@code target/benchmarks/adt-ingest.md} and {@code .json}.
 */
class AdtIngestBenchmark {

	static final int MESSAGES = Integer.getInteger("caremap.bench.messages", 20_000) / 2 * 2;
	static final int CONNECTIONS = Integer.getInteger("caremap.bench.connections", 4);

	@Test
	void sustainedDurableIngestRate() throws Exception {
		try (CaremapProcess caremap = new CaremapProcess(Path.of("target", "bench-adt"))) {
			caremap.startApp();
			List<String> mrns = caremap.demoRecordNumbers(100);
			String run = Long.toString(System.nanoTime(), 36);
			send(caremap.mllpPort(), mrns, "W" + run, Math.min(2000, MESSAGES / 5)); // warm-up: JIT, pools, caches
			if (!"0".equals(System.getProperty("caremap.bench.env.CAREMAP_ADT_APPLIERS"))) {
				Eventually.value(Duration.ofMinutes(10), "the warm-up applied", () -> Long.parseLong(caremap.query(
						"select count(*) from adt_message where control_id like 'W" + run + "-%' and processed_at is null").get(0)), n -> n == 0);
			}
			Instant start = Instant.now();
			int acked = send(caremap.mllpPort(), mrns, "B" + run, MESSAGES);
			Duration took = Duration.between(start, Instant.now());
			double rate = acked / (took.toMillis() / 1000.0);
			long stored = Long.parseLong(caremap.query("select count(*) from adt_message where control_id like 'B" + run + "-%'")
				.get(0));
			// acknowledged once stored; applied afterwards: the rate until the last one is applied, and the delay
			String waiting = "select count(*) from adt_message where control_id like 'B" + run + "-%' and processed_at is null";
			// with no applier (-Dcaremap.bench.env.CAREMAP_ADT_APPLIERS=0) only the acknowledging is measured
			if (!"0".equals(System.getProperty("caremap.bench.env.CAREMAP_ADT_APPLIERS"))) {
				Eventually.value(Duration.ofMinutes(30), "every message applied", () -> Long.parseLong(caremap.query(waiting).get(0)),
						n -> n == 0);
			}
			Duration applying = Duration.between(start, Instant.now());
			double appliedRate = stored / (applying.toMillis() / 1000.0);
			List<String> delay = caremap.query("""
					select string_agg(round(p)::text, ' ') from (select unnest(percentile_cont(array[0.5, 0.95, 0.99]) within group
					  (order by extract(epoch from processed_at - received_at) * 1000)) p
					  from adt_message where control_id like 'B%s-%%') t""".formatted(run));
			List<String> settings = caremap.durabilitySettings();
			String commit = PackagedApp.commit();
			String cpus = String.valueOf(Runtime.getRuntime().availableProcessors());
			String md = "| measure | value |\n|---|---|\n"
					+ "| ADT messages acknowledged AA | " + acked + " of " + MESSAGES + " (" + stored + " stored) |\n"
					+ "| time | " + took.toMillis() + " ms |\n"
					+ "| sustained rate | " + Math.round(rate) + " messages/s |\n"
					+ "| applied | " + Math.round(appliedRate) + " messages/s from the first sent to the last applied ("
					+ applying.toMillis() + " ms) |\n"
					+ "| acknowledged to applied, p50 p95 p99 | " + delay.get(0) + " ms |\n"
					+ "| application settings | " + System.getProperties().stringPropertyNames().stream()
						.filter(n -> n.startsWith("caremap.bench.env.")).sorted().map(n -> n.substring(18) + "=" + System.getProperty(n))
						.reduce((a, b) -> a + ", " + b).orElse("defaults") + " |\n"
					+ "| client connections | " + CONNECTIONS + " (persistent MLLP) |\n"
					+ "| database settings | " + String.join(", ", settings) + " |\n"
					+ "| application | own process, -Xmx512m, Java " + System.getProperty("java.version") + " |\n"
					+ "| machine | " + cpus + " CPUs, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " |\n"
					+ "| commit | " + commit + " |\n";
			String json = "{\"benchmark\":\"adt-ingest\",\"messages\":" + MESSAGES + ",\"acked\":" + acked + ",\"stored\":" + stored
					+ ",\"millis\":" + took.toMillis() + ",\"messagesPerSecond\":" + Math.round(rate)
					+ ",\"appliedPerSecond\":" + Math.round(appliedRate) + ",\"ackToAppliedMsP50P95P99\":\"" + delay.get(0) + "\"" + ",\"connections\":" + CONNECTIONS
					+ ",\"settings\":\"" + String.join(",", settings) + "\",\"java\":\"" + System.getProperty("java.version")
					+ "\",\"cpus\":" + cpus + ",\"commit\":\"" + commit + "\"}\n";
			Files.createDirectories(Path.of("target", "benchmarks"));
			Files.writeString(Path.of("target", "benchmarks", "adt-ingest.md"), md);
			Files.writeString(Path.of("target", "benchmarks", "adt-ingest.json"), json);
			System.out.println(md);
		}
	}

	/** Sends {@code count} messages spread over the connections; returns how many were acknowledged AA. */
	static int send(int mllpPort, List<String> mrns, String prefix, int count) throws Exception {
		return send(mllpPort, mrns, prefix, count, CONNECTIONS);
	}

	static int send(int mllpPort, List<String> mrns, String prefix, int count, int connections) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int c = 0; c < connections; c++) {
				int lane = c;
				results.add(pool.submit(() -> {
					int ok = 0;
					try (Mllp.Connection connection = new Mllp.Connection(mllpPort)) {
						// each visit's registration and discharge on the same connection, in order
						for (int k = lane; k < count / 2; k += connections) {
							String visit = "V" + prefix + "-" + k;
							for (String event : new String[] { "A04", "A03" }) {
								String message = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^" + event + "|"
										+ prefix + "-" + event + "-" + k + "|P|2.5.1\rEVN|" + event + "|20261120103000\rPID|1||"
										+ mrns.get(k % mrns.size()) + "^^^Riverside General Hospital^MR\rPV1|1|O|CLINIC^1^1^RGH|R|||||||||||||||"
										+ visit + "|||||||||||||||||01||||||||202611200900|202611201000\r";
								if ("AA".equals(Mllp.code(connection.send(message.getBytes(StandardCharsets.UTF_8))))) ok++;
							}
						}
					}
					return ok;
				}));
			}
			int total = 0;
			for (Future<Integer> f : results) total += f.get();
			return total;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
