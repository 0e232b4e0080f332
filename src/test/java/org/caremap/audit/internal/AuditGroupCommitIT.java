package org.caremap.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read events of a web request are written in one transaction, before its answer arrives; those of requests
 * finishing together share one commit.
 */
class AuditGroupCommitIT extends IntegrationTest {

	@Autowired
	AuditGroupCommit writer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	private double commits() {
		return meters.get("caremap.audit.group.commits").counter().count();
	}

	private long newest() {
		return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
	}

	@Test
	void aPagesReadEventsAreOnDiskInOneTransactionWhenItsAnswerArrives() {
		var dana = staffClient("casemanager");
		long from = newest();
		double before = commits();
		var page = dana.get("/caseload");
		assertThat(page.statusCode()).isEqualTo(200);
		// read at once, without waiting: the answer came after the commit
		long rows = jdbc.sql("select count(*) from audit_event where id > ? and actor = 'casemanager'").param(from)
			.query(Long.class).single();
		long transactions = jdbc.sql("select count(distinct xmin::text) from audit_event where id > ? and actor = 'casemanager'")
			.param(from).query(Long.class).single();
		assertThat(rows).as("read events of the caseload page (one per patient listed, at least)").isGreaterThan(10);
		assertThat(transactions).as("transactions the page's read events were written in").isEqualTo(1);
		assertThat(commits() - before).as("commits of the group writer for one page").isEqualTo(1);
	}

	@Test
	void noByteOfAPageLeavesBeforeItsReadEventsAreCommitted() throws Exception {
		var dana = staffClient("casemanager");
		UUID patient = jdbc.sql("""
				select patient_id from care_case where status = 'ACTIVE'
				  and case_manager_id = (select id from user_account where username = 'casemanager') limit 1""")
			.query(UUID.class).single();
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.net.http.HttpRequest chart = java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://localhost:" + port + "/patients/" + patient))
			.header("Cookie", "CAREMAP_SESSION=" + dana.cookie("CAREMAP_SESSION").orElseThrow()).GET().build();
		java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<java.io.InputStream>> answer;
		try (Connection lock = dataSource.getConnection(); Statement s = lock.createStatement()) {
			lock.setAutoCommit(false);
			// the commit of the page's read events waits behind this lock (V116's insert into the sealing queue)
			s.execute("lock table audit_pending in share mode");
			answer = http.sendAsync(chart, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
			Eventually.value(Duration.ofSeconds(20), "the writer waiting on the lock",
					() -> jdbc.sql("select count(*) from pg_stat_activity where application_name = 'caremap-audit'"
							+ " and wait_event_type = 'Lock'").query(Long.class).single(), n -> n >= 1);
			Thread.sleep(1_000);
			assertThat(answer).as("the page's answer (its status line and headers) while its read events wait").isNotDone();
			lock.rollback();
		}
		var page = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(page.statusCode()).isEqualTo(200);
		String body = new String(page.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body).contains("</html>");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager' and action = 'READ'"
				+ " and resource_type = 'Patient' and patient_id = ? and occurred_at > now() - interval '1 minute'")
			.param(patient).query(Long.class).single()).isPositive();
	}

	@Test
	void requestsFinishingTogetherShareOneCommit() throws Exception {
		String marker = "group-" + UUID.randomUUID();
		double before = commits();
		List<Thread> threads = new ArrayList<>();
		try (Connection lock = dataSource.getConnection(); Statement s = lock.createStatement()) {
			lock.setAutoCommit(false);
			// the sealing queue's insert (V116) waits behind this lock: the first commit cannot finish meanwhile
			s.execute("lock table audit_pending in share mode");
			threads.add(writing(marker, 0));
			Eventually.value(Duration.ofSeconds(20), "the writer waiting on the lock",
					() -> jdbc.sql("select count(*) from pg_stat_activity where application_name = 'caremap-audit'"
							+ " and wait_event_type = 'Lock'").query(Long.class).single(), n -> n >= 1);
			for (int i = 1; i <= 20; i++) threads.add(writing(marker, i));
			Eventually.value(Duration.ofSeconds(20), "twenty requests waiting", () -> (long) writer.waiting(), n -> n == 20);
			lock.rollback();
		}
		for (Thread t : threads) t.join(30_000);
		long rows = jdbc.sql("select count(*) from audit_event where detail = ?").param(marker).query(Long.class).single();
		long transactions = jdbc.sql("select count(distinct xmin::text) from audit_event where detail = ?").param(marker)
			.query(Long.class).single();
		assertThat(rows).as("rows handed over by 21 requests, 3 each").isEqualTo(63);
		assertThat(transactions).as("the first request's commit, then one for the twenty that waited behind it").isEqualTo(2);
		assertThat(commits() - before).isEqualTo(2);
	}

	private Thread writing(String marker, int request) {
		Thread t = new Thread(() -> {
			List<Object[]> rows = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				rows.add(new Object[] { "group-test", null, "READ", "Test", request + "-" + i, null, "SUCCESS", null, "test", marker });
			}
			writer.write(rows);
		});
		t.start();
		return t;
	}
}
