package org.caremap.transition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.caremap.support.CaremapProcess;
import org.caremap.support.Eventually;
import org.caremap.support.Mllp;
import org.junit.jupiter.api.Test;

/**
 * Durability of the ADT feed: Caremap runs as its own process on a PostgreSQL with durable settings; a client
 * sends 10,000 ADT messages over MLLP, retrying on timeouts, refusals and lost connections, while the application
 * is killed with SIGKILL three times at random points (and restarted), and PostgreSQL is restarted once.
 * Messages are acknowledged once stored and applied afterwards: once the applier has caught up, every message
 * acknowledged AA is stored, and every message was applied exactly once (its encounter made once, its applying
 * audited once). Then messages acknowledged and left waiting (by a node running without appliers) when the
 * application is killed are applied, once, after the restart.
 */
class AdtDurabilityIT {

	static final int MESSAGES = Integer.getInteger("caremap.durability.messages", 10_000);

	private volatile Exception restartFailure;

	/** Messages acknowledged by a node without appliers, then killed: applied after the restart. */
	static final int WAITING = 100;

	private static long count(CaremapProcess caremap, String sql) throws Exception {
		return Long.parseLong(caremap.query(sql).get(0));
	}

	/** Messages of the run whose applying was committed more than once (each applying audits it, in its transaction). */
	private static long twice(CaremapProcess caremap, String like) throws Exception {
		return count(caremap, """
				select count(*) from (select a.resource_id from audit_event a join adt_message m on a.resource_id = m.id::text
				where m.control_id like %s and a.action = 'CREATE' and a.resource_type = 'AdtMessage'
				group by a.resource_id having count(*) > 1) t""".formatted(like));
	}

	@Test
	void everyAcknowledgedMessageIsStoredAndAppliedOnceThroughKillsAndADatabaseRestart() throws Exception {
		try (CaremapProcess caremap = new CaremapProcess(Path.of("target", "it-durability"))) {
			caremap.startApp();
			List<String> mrns = caremap.demoRecordNumbers(60);
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
					new Thread(() -> {
						CaremapProcess.sleep(2 + at % 7);
						caremap.kill();
					}).start();
				}
				if (i == databaseRestart) {
					caremap.stopPostgres();
					new Thread(() -> {
						CaremapProcess.sleep(3000);
						try {
							caremap.startPostgres();
						}
						catch (IOException | RuntimeException ex) {
							restartFailure = ex;
						}
					}).start();
				}
				String control = "DUR-" + run + "-" + i;
				String message = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A04|" + control + "|P|2.5.1\r"
						+ "EVN|A04|20261120103000\rPID|1||" + mrns.get(i % mrns.size()) + "^^^Riverside General Hospital^MR\r"
						+ "PV1|1|E|ED^1^1^RGH|E|||||||||||||||V" + control + "\r";
				while (true) {
					try {
						if (!caremap.app().isAlive()) caremap.startApp();
						if ("AA".equals(Mllp.code(Mllp.send(caremap.mllpPort(), message)))) {
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
					CaremapProcess.sleep(200);
				}
			}
			Duration took = Duration.between(started, Instant.now());
			// AA means stored: the applier may still be at work; counting waits until nothing of the run waits
			String ofRun = "'DUR-" + run + "-%'";
			Eventually.value(Duration.ofMinutes(10), "every message of the run applied",
					() -> count(caremap, "select count(*) from adt_message where control_id like " + ofRun + " and status = 'RECEIVED'"),
					n -> n == 0);
			Duration drained = Duration.between(started, Instant.now());

			List<String> stored = caremap.query("select control_id from adt_message where control_id like " + ofRun);
			Set<String> storedSet = new HashSet<>(stored);
			assertThat(stored).as("each message stored once").hasSameSizeAs(storedSet);
			assertThat(storedSet).as("every AA is stored").containsAll(acked);
			assertThat(acked).hasSize(MESSAGES);
			List<String> encounters = caremap.query("select visit_number from encounter where visit_number like 'VDUR-" + run + "-%'");
			assertThat(encounters).as("each message applied once").hasSize(MESSAGES).doesNotHaveDuplicates();
			assertThat(caremap.query("select distinct status from adt_message where control_id like " + ofRun))
				.containsExactly("APPLIED");
			long applied = count(caremap, "select count(*) from adt_message where control_id like " + ofRun + " and status = 'APPLIED'");
			long twice = twice(caremap, ofRun);
			assertThat(applied).as("messages applied").isEqualTo(MESSAGES);
			assertThat(twice).as("messages applied more than once (the audit trail records each applying, in its transaction)")
				.isZero();

			// a message acknowledged, then left waiting when the application is killed, is applied after the restart:
			// the application runs without appliers (as a node that only receives), takes messages, and is killed
			caremap.kill();
			caremap.app().waitFor();
			caremap.environment("CAREMAP_ADT_APPLIERS", "0");
			caremap.startApp();
			String left = "'DURW-" + run + "-%'";
			try (Mllp.Connection connection = new Mllp.Connection(caremap.mllpPort())) {
				for (int i = 0; i < WAITING; i++) {
					String control = "DURW-" + run + "-" + i;
					String message = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^A04|" + control + "|P|2.5.1\r"
							+ "EVN|A04|20261120103000\rPID|1||" + mrns.get(i % mrns.size()) + "^^^Riverside General Hospital^MR\r"
							+ "PV1|1|E|ED^1^1^RGH|E|||||||||||||||V" + control + "\r";
					assertThat(Mllp.code(connection.send(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEqualTo("AA");
				}
			}
			long waitingAtKill = count(caremap, "select count(*) from adt_message where control_id like " + left + " and status = 'RECEIVED'");
			assertThat(waitingAtKill).as("acknowledged and waiting when killed").isEqualTo(WAITING);
			caremap.kill();
			caremap.app().waitFor();
			caremap.environment("CAREMAP_ADT_APPLIERS", null);
			caremap.startApp();
			Eventually.value(Duration.ofMinutes(5), "the messages left waiting applied after the restart",
					() -> count(caremap, "select count(*) from adt_message where control_id like " + left + " and status = 'RECEIVED'"),
					n -> n == 0);
			long appliedAfter = count(caremap, "select count(*) from adt_message where control_id like " + left + " and status = 'APPLIED'");
			assertThat(appliedAfter).isEqualTo(WAITING);
			assertThat(caremap.query("select visit_number from encounter where visit_number like 'VDURW-" + run + "-%'"))
				.hasSize(WAITING).doesNotHaveDuplicates();
			assertThat(twice(caremap, left)).isZero();

			List<String> settings = caremap.durabilitySettings();
			assertThat(settings).containsExactly("fsync=on", "full_page_writes=on", "synchronous_commit=on");
			String report = "ADT durability: " + MESSAGES + " messages, " + acked.size() + " acknowledged AA, " + storedSet.size()
					+ " stored, " + applied + " applied (" + encounters.size() + " encounters), " + twice + " applied twice, "
					+ retries.get() + " retries, 3 SIGKILLs (before messages " + kills + "), PostgreSQL restarted before message "
					+ databaseRestart + ", all acknowledged in " + took.toSeconds() + " s, all applied after " + drained.toSeconds()
					+ " s; then " + waitingAtKill + " messages acknowledged and left waiting by a node without appliers, killed, "
					+ appliedAfter + " of them applied once after the restart; " + settings;
			System.out.println(report);
			Files.createDirectories(Path.of("target", "benchmarks"));
			Files.writeString(Path.of("target", "benchmarks", "adt-durability.txt"), report + System.lineSeparator());
		}
	}
}
