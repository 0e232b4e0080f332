package org.caremap.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.caremap.support.ExternalDatabase;
import org.caremap.support.Folders;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;

/**
 * Durability of the ADT feed: Caremap runs as its own process on a PostgreSQL with durable settings; a client
 * sends 10,000 ADT messages over MLLP, retrying on timeouts, refusals and lost connections, while the application
 * is killed with SIGKILL three times at random points (and restarted), and PostgreSQL is restarted once.
 * Afterwards every message acknowledged AA is stored, and every message was applied exactly once.
 */
class AdtDurabilityIT {

	static final int MESSAGES = Integer.getInteger("caremap.durability.messages", 10_000);
	static final Path HOME = Path.of("target", "it-durability").toAbsolutePath();

	private EmbeddedPostgres pg;
	private int pgPort;
	private Process app;
	private int mllpPort;
	private final Map<String, String> env = new HashMap<>();
	private volatile Exception restartFailure;

	@Test
	void everyAcknowledgedMessageIsStoredAndAppliedOnceThroughKillsAndADatabaseRestart() throws Exception {
		Folders.deleteTree(HOME);
		pgPort = freePort();
		mllpPort = freePort();
		startPostgres();
		ExternalDatabase.prepare(pg);
		env.put("CAREMAP_HOME", HOME.resolve("home").toString());
		env.put("CAREMAP_DB_URL", "jdbc:postgresql://localhost:" + pgPort + "/caremap");
		env.put("CAREMAP_DB_USER", "caremap_app");
		env.put("CAREMAP_DB_PASSWORD", "app-secret-for-test");
		env.put("CAREMAP_DB_OWNER_USER", "caremap_owner");
		env.put("CAREMAP_DB_OWNER_PASSWORD", "owner-secret-for-test");
		env.put("CAREMAP_DEMO_ENABLED", "true");
		env.put("CAREMAP_ADT_MLLP_PORT", String.valueOf(mllpPort));
		env.put("PORT", String.valueOf(freePort()));
		startApp();
		try {
			// the demo organisation is created just after the listener opens
			List<String> mrns = List.of();
			for (Instant until = Instant.now().plusSeconds(90); mrns.size() < 20 && Instant.now().isBefore(until); sleep(500)) {
				mrns = query("select value from patient_identifier where assigner like 'Riverside%' order by value limit 60");
			}
			assertThat(mrns).hasSizeGreaterThan(20);
			String run = Long.toString(System.nanoTime(), 36);
			Random random = new Random(20261123L);
			Set<Integer> kills = new HashSet<>();
			while (kills.size() < 3) kills.add(500 + random.nextInt(MESSAGES - 1000));
			int databaseRestart = 500 + random.nextInt(MESSAGES - 1000);

			Set<String> acked = new HashSet<>();
			AtomicInteger retries = new AtomicInteger();
			Instant started = Instant.now();
			Instant giveUp = started.plus(Duration.ofMinutes(20));
			for (int i = 0; i < MESSAGES; i++) {
				if (kills.contains(i)) {
					// kill while the next message is in flight
					int at = i;
					Thread killer = new Thread(() -> {
						sleep(2 + at % 7);
						app.destroyForcibly();
					});
					killer.start();
				}
				if (i == databaseRestart) {
					pg.close();
					Thread restart = new Thread(() -> {
						sleep(3000);
						try {
							startPostgres();
						}
						catch (IOException | RuntimeException ex) {
							restartFailure = ex;
						}
					});
					restart.start();
				}
				String control = "DUR-" + run + "-" + i;
				String message = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A04|" + control + "|P|2.5.1\r"
						+ "EVN|A04|20261120103000\rPID|1||" + mrns.get(i % mrns.size()) + "^^^Riverside General Hospital^MR\r"
						+ "PV1|1|E|ED^1^1^RGH|E|||||||||||||||V" + control + "\r";
				while (true) {
					try {
						if (!app.isAlive()) startApp();
						String ack = Mllp.send(mllpPort, message);
						if ("AA".equals(Mllp.code(ack))) {
							acked.add(control);
							break;
						}
					}
					catch (IOException ex) {
						// timeout, refused or lost connection: the sender keeps the message and tries again
					}
					retries.incrementAndGet();
					if (restartFailure != null) throw new IllegalStateException("PostgreSQL did not come back", restartFailure);
					if (Instant.now().isAfter(giveUp)) throw new IllegalStateException("message " + i + " was never acknowledged");
					sleep(200);
				}
			}
			Duration took = Duration.between(started, Instant.now());
			if (!app.isAlive()) startApp();

			List<String> stored = query("select control_id from adt_message where control_id like 'DUR-" + run + "-%'");
			Set<String> storedSet = new HashSet<>(stored);
			assertThat(stored).as("each message stored once").hasSameSizeAs(storedSet);
			assertThat(storedSet).as("every AA is stored").containsAll(acked);
			assertThat(acked).hasSize(MESSAGES);
			List<String> encounters = query("select visit_number from encounter where visit_number like 'VDUR-" + run + "-%'");
			assertThat(encounters).as("each message applied once").hasSize(MESSAGES).doesNotHaveDuplicates();
			List<String> statuses = query("select distinct status from adt_message where control_id like 'DUR-" + run + "-%'");
			assertThat(statuses).containsExactly("APPLIED");
			List<String> settings = query("select name || '=' || setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name");
			assertThat(settings).containsExactly("fsync=on", "full_page_writes=on", "synchronous_commit=on");
			String report = "ADT durability: " + MESSAGES + " messages, " + acked.size() + " acknowledged AA, " + storedSet.size()
					+ " stored, " + encounters.size() + " applied, " + retries.get() + " retries, 3 SIGKILLs (before messages "
					+ kills + "), PostgreSQL restarted before message " + databaseRestart + ", " + took.toSeconds() + " s, "
					+ settings;
			System.out.println(report);
			Files.createDirectories(Path.of("target", "benchmarks"));
			Files.writeString(Path.of("target", "benchmarks", "adt-durability.txt"), report + System.lineSeparator());
		}
		finally {
			if (app != null) app.destroyForcibly().waitFor();
			if (pg != null) pg.close();
		}
	}

	/** Starts PostgreSQL on its data folder (created on the first start, kept across restarts) and its port. */
	private void startPostgres() throws IOException {
		pg = EmbeddedPostgres.builder().setDataDirectory(HOME.resolve("postgres")).setCleanDataDirectory(false).setPort(pgPort)
			.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
			.start();
	}

	private List<String> query(String sql) throws Exception {
		Instant deadline = Instant.now().plusSeconds(60);
		while (true) {
			try (Connection c = pg.getDatabase("postgres", "caremap").getConnection(); Statement s = c.createStatement()) {
				s.execute("set search_path = caremap");
				try (ResultSet rs = s.executeQuery(sql)) {
					List<String> out = new ArrayList<>();
					while (rs.next()) out.add(rs.getString(1));
					return out;
				}
			}
			catch (java.sql.SQLException ex) {
				// the database may be restarting (connection errors); anything else is a mistake in the test
				String state = ex.getSQLState() == null ? "" : ex.getSQLState();
				if (!(state.startsWith("08") || state.startsWith("57")) || Instant.now().isAfter(deadline)) throw ex;
				sleep(500);
			}
		}
	}

	private void startApp() throws IOException {
		if (app != null && app.isAlive()) return;
		Path jar;
		try (var files = Files.list(Path.of("target"))) {
			jar = files.filter(p -> p.getFileName().toString().matches("caremap-.*\\.jar")).findFirst()
				.orElseThrow(() -> new IllegalStateException("target/caremap-*.jar is missing: run ./mvnw verify (it packages first)"));
		}
		Files.createDirectories(HOME);
		ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-jar", jar.toString());
		pb.environment().putAll(env);
		pb.redirectErrorStream(true);
		pb.redirectOutput(ProcessBuilder.Redirect.appendTo(HOME.resolve("app.log").toFile()));
		app = pb.start();
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			if (!app.isAlive()) {
				sleep(1000); // e.g. the database is still coming back: try again
				app = pb.start();
			}
			try (Socket s = new Socket("localhost", mllpPort)) {
				return;
			}
			catch (IOException notYet) {
				sleep(250);
			}
		}
		throw new IllegalStateException("Caremap did not start; see " + HOME.resolve("app.log"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
