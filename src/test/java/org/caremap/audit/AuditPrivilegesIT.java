package org.caremap.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.caremap.platform.DatabaseInfo;
import org.caremap.support.Database;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Connected as the application's own role, nothing can rewrite the audit trail; it can only add to it. */
class AuditPrivilegesIT extends IntegrationTest {

	@Autowired
	DatabaseInfo database;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	AuditTrail trail;

	@Test
	void applicationRoleCanOnlyInsertAndRead() throws Exception {
		trail.record("tester", AuditEntry.read("Patient", "x", null));
		verifier.sealNow();
		try (Connection c = Database.as(database.url(), HOME, "caremap_app")) {
			c.setAutoCommit(true);
			assertThat(count(c, "select count(*) from audit_event")).isPositive();
			for (String table : new String[] { "audit_event", "audit_chain" }) {
				assertRefused(c, "update " + table + " set " + (table.equals("audit_event") ? "detail = 'x'" : "hash = 'x'"));
				assertRefused(c, "delete from " + table);
				assertRefused(c, "truncate " + table);
				assertRefused(c, "alter table " + table + " disable trigger all");
				assertRefused(c, "alter table " + table + " disable trigger user");
				assertRefused(c, "drop table " + table);
				assertRefused(c, "set session_replication_role = replica");
			}
		}
	}

	@Test
	void theApplicationRoleCannotDateAnEvent() throws Exception {
		try (Connection c = Database.as(database.url(), HOME, "caremap_app")) {
			c.setAutoCommit(true);
			// a forged event dated 30 days ago is refused outright
			assertRefused(c, """
					insert into audit_event (occurred_at, actor, action, resource_type, outcome)
					values (now() - interval '30 days', 'forger', 'READ', 'Patient', 'SUCCESS')""");
			assertThat(count(c, "select count(*) from audit_event where actor = 'forger'")).isZero();
			// one two seconds off takes the database's clock at the insert, and says which session wrote it
			java.time.OffsetDateTime before = clock(c);
			try (Statement s = c.createStatement()) {
				s.execute("""
						insert into audit_event (occurred_at, actor, action, resource_type, outcome)
						values (clock_timestamp() - interval '2 seconds', 'near.now', 'READ', 'Patient', 'SUCCESS')""");
			}
			java.time.OffsetDateTime after = clock(c);
			try (Statement s = c.createStatement();
					var rs = s.executeQuery("select occurred_at, db_session from audit_event where actor = 'near.now'")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getObject(1, java.time.OffsetDateTime.class)).isBetween(before, after);
				assertThat(rs.getString(2)).startsWith("caremap_app pid ");
			}
		}
		// Caremap's own events carry the session too
		trail.record("stamped", AuditEntry.read("Patient", "y", null));
		try (Connection c = Database.as(database.url(), HOME, "caremap_app")) {
			assertThat(count(c, "select count(*) from audit_event where actor = 'stamped' and db_session like 'caremap_app pid %'"))
				.isEqualTo(1);
		}
	}

	private static java.time.OffsetDateTime clock(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); var rs = s.executeQuery("select clock_timestamp()")) {
			rs.next();
			return rs.getObject(1, java.time.OffsetDateTime.class);
		}
	}

	private static long count(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void assertRefused(Connection c, String sql) {
		assertThatThrownBy(() -> {
			try (Statement s = c.createStatement()) {
				s.execute(sql);
			}
		}).as(sql).isInstanceOf(SQLException.class);
	}
}
