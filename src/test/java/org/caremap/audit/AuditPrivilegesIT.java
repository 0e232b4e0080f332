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
