package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.caremap.platform.DatabaseInfo;
import org.caremap.support.Database;
import org.caremap.support.Folders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tampering done directly in the database, as a superuser could, is found by verification: an edited row, a
 * row deleted from the middle (with or without its chain link), and entries cut from the end. Each test puts the
 * rows back afterwards and sees the chain intact again, so it is the tampering that verification reports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuditTamperIT {

	static final Path HOME = Path.of("target", "it-home-audit").toAbsolutePath();

	static {
		Folders.deleteTree(HOME);
	}

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("caremap.home", HOME::toString);
		registry.add("caremap.demo.enabled", () -> "false");
		registry.add("caremap.scheduler.enabled", () -> "false");
		registry.add("logging.file.name", () -> HOME.resolve("logs/caremap.log").toString());
	}

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	DatabaseInfo database;

	@BeforeEach
	void someSealedHistory() {
		for (int i = 0; i < 20; i++) {
			trail.record("tester", new AuditEntry("READ", "Patient", "p-" + i, null, AuditOutcome.SUCCESS, "row " + i));
		}
		verifier.sealNow();
		assertThat(verifier.verify().intact()).as("chain intact before tampering").isTrue();
	}

	private Connection superuser() throws Exception {
		Connection c = Database.as(database.url(), HOME, "postgres");
		try (Statement s = c.createStatement()) {
			// a superuser can switch the append-only triggers off; that is the attack being detected
			s.execute("set session_replication_role = replica");
		}
		return c;
	}

	private long middleEvent(Connection c) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
				"select event_id from audit_chain where seq = (select max(seq) / 2 from audit_chain)")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Test
	void editedRowIsFound() throws Exception {
		try (Connection c = superuser()) {
			long id = middleEvent(c);
			String original = value(c, "select detail from audit_event where id = " + id);
			exec(c, "update audit_event set detail = 'nothing to see' where id = " + id);
			AuditVerification result = verifier.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.brokenEventId()).isEqualTo(id);
			assertThat(result.problem()).contains("changed");
			try (PreparedStatement p = c.prepareStatement("update audit_event set detail = ? where id = ?")) {
				p.setString(1, original);
				p.setLong(2, id);
				p.executeUpdate();
			}
		}
		assertThat(verifier.verify().intact()).isTrue();
	}

	@Test
	void anEventTakenOutOfTheSealingQueueIsFound() throws Exception {
		long id;
		try (Connection c = Database.as(database.url(), HOME, "caremap_app")) {
			// the application role may delete from the queue (the sealer does): an event taken out never gets sealed
			c.setAutoCommit(false);
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
					insert into audit_event (actor, action, resource_type, outcome) values ('hider', 'READ', 'Patient', 'SUCCESS')
					returning id""")) {
				rs.next();
				id = rs.getLong(1);
			}
			exec(c, "delete from audit_pending where event_id = " + id);
			c.commit();
		}
		AuditVerification result = verifier.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenEventId()).isEqualTo(id);
		assertThat(result.problem()).contains("sealing queue");
		try (Connection c = Database.as(database.url(), HOME, "caremap_app")) {
			c.setAutoCommit(true);
			exec(c, "insert into audit_pending (event_id) values (" + id + ")");
		}
		verifier.sealNow();
		assertThat(verifier.verify().intact()).isTrue();
	}

	@Test
	void rowDeletedFromTheMiddleWithItsLinkIsFound() throws Exception {
		try (Connection c = superuser()) {
			long id = middleEvent(c);
			List<Object> event = row(c, "select * from audit_event where id = " + id);
			List<Object> link = row(c, "select * from audit_chain where event_id = " + id);
			exec(c, "delete from audit_chain where event_id = " + id);
			exec(c, "delete from audit_event where id = " + id);
			AuditVerification result = verifier.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.problem()).contains("missing");
			insert(c, "insert into audit_event overriding system value values (" + placeholders(event) + ")", event);
			insert(c, "insert into audit_chain values (?,?,?,?,?)", link);
		}
		assertThat(verifier.verify().intact()).isTrue();
	}

	@Test
	void rowDeletedFromTheMiddleLeavingItsLinkIsFound() throws Exception {
		try (Connection c = superuser()) {
			long id = middleEvent(c);
			List<Object> event = row(c, "select * from audit_event where id = " + id);
			exec(c, "delete from audit_event where id = " + id);
			AuditVerification result = verifier.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.brokenEventId()).isEqualTo(id);
			assertThat(result.problem()).contains("deleted");
			insert(c, "insert into audit_event overriding system value values (" + placeholders(event) + ")", event);
		}
		assertThat(verifier.verify().intact()).isTrue();
	}

	@Test
	void entriesCutFromTheEndAreFound() throws Exception {
		try (Connection c = superuser()) {
			long last = Long.parseLong(value(c, "select max(seq) from audit_chain"));
			List<List<Object>> events = new ArrayList<>();
			List<List<Object>> links = new ArrayList<>();
			for (long seq = last - 2; seq <= last; seq++) {
				links.add(row(c, "select * from audit_chain where seq = " + seq));
				events.add(row(c, "select e.* from audit_event e join audit_chain c on c.event_id = e.id where c.seq = " + seq));
			}
			exec(c, "delete from audit_event where id in (select event_id from audit_chain where seq > " + (last - 3) + ")");
			exec(c, "delete from audit_chain where seq > " + (last - 3));
			// what is left is a perfectly linked chain: only the anchor outside the database reveals the cut
			AuditVerification result = verifier.verify();
			assertThat(result.intact()).isFalse();
			assertThat(result.problem()).contains("removed from the end");
			for (List<Object> event : events) {
				insert(c, "insert into audit_event overriding system value values (" + placeholders(event) + ")", event);
			}
			for (List<Object> link : links) insert(c, "insert into audit_chain values (?,?,?,?,?)", link);
		}
		assertThat(verifier.verify().intact()).isTrue();
	}

	private static void exec(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private static String value(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static List<Object> row(Connection c, String sql) throws Exception {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			List<Object> values = new ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) values.add(rs.getObject(i));
			return values;
		}
	}

	private static String placeholders(List<Object> row) {
		return String.join(",", java.util.Collections.nCopies(row.size(), "?"));
	}

	private static void insert(Connection c, String sql, List<Object> values) throws Exception {
		try (PreparedStatement p = c.prepareStatement(sql)) {
			for (int i = 0; i < values.size(); i++) p.setObject(i + 1, values.get(i));
			p.executeUpdate();
		}
	}
}
