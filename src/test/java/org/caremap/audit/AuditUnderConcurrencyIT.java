package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Many more readers at once than the pool has connections: every read is audited and every denial too, and no
 * request waits for a second connection of the pool it already holds one of (with a pool of two and eight readers
 * at once, that would hang every request until the pool's timeout, which the pool counts, and fail it).
 */
@TestPropertySource(properties = "caremap.db.pool-size=2")
class AuditUnderConcurrencyIT extends IntegrationTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DemoLogins logins;

	@Autowired
	MeterRegistry meters;

	/** How many times a request gave up waiting for a connection of the application's pool ({@code caremap}). */
	private double poolTimeouts() {
		Counter timeouts = meters.find("hikaricp.connections.timeout").tag("pool", "caremap").counter();
		assertThat(timeouts).as("the pool's timeout counter (Hikari's metrics)").isNotNull();
		return timeouts.count();
	}

	@Test
	void readsAndDenialsAreAuditedWithoutExhaustingThePool() throws Exception {
		List<UUID> mine = jdbc.sql("""
				select patient_id from care_case where status = 'ACTIVE'
				  and case_manager_id = (select id from user_account where username = 'casemanager') limit 8""")
			.query(UUID.class).list();
		List<UUID> others = jdbc.sql("""
				select p.id from patient p where not exists (select 1 from care_relationship r join user_account u on u.id = r.user_id
				  where r.patient_id = p.id and u.username = 'casemanager') limit 8""")
			.query(UUID.class).list();
		assertThat(mine).hasSize(8);
		assertThat(others).hasSize(8);
		List<Browserless> sessions = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Browserless session = client();
			assertThat(session.login("casemanager", logins.password("casemanager").orElseThrow()).statusCode()).isEqualTo(302);
			sessions.add(session);
		}
		Instant since = Instant.now();
		double timeoutsBefore = poolTimeouts();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Integer>>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Browserless session = sessions.get(i);
				UUID own = mine.get(i);
				UUID other = others.get(i);
				answers.add(pool.submit(() -> {
					List<Integer> codes = new ArrayList<>();
					for (int round = 0; round < 3; round++) {
						codes.add(session.get("/patients/" + own).statusCode());
						codes.add(session.get("/myday").statusCode());
						HttpResponse<String> denied = session.get("/patients/" + other);
						codes.add(denied.statusCode());
					}
					return codes;
				}));
			}
			for (Future<List<Integer>> answer : answers) {
				assertThat(answer.get()).containsExactly(200, 200, 403, 200, 200, 403, 200, 200, 403);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// a request waiting for a second connection of the pool it holds one of would wait out the pool's
		// connection timeout: the pool counts each such timeout
		assertThat(poolTimeouts()).as("requests that waited out the pool's connection timeout").isEqualTo(timeoutsBefore);
		long reads = jdbc.sql("""
				select count(distinct patient_id) from audit_event
				where actor = 'casemanager' and action = 'READ' and outcome = 'SUCCESS' and occurred_at >= ? and patient_id = any(?)""")
			.params(java.sql.Timestamp.from(since), mine.toArray(UUID[]::new)).query(Long.class).single();
		long denials = jdbc.sql("""
				select count(*) from audit_event
				where actor = 'casemanager' and outcome = 'DENIED' and occurred_at >= ? and patient_id = any(?)""")
			.params(java.sql.Timestamp.from(since), others.toArray(UUID[]::new)).query(Long.class).single();
		assertThat(reads).isEqualTo(8);
		assertThat(denials).isGreaterThanOrEqualTo(24);
	}
}
