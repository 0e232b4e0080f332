package org.caremap.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.caremap.audit.AuditHistory;
import org.caremap.audit.AuditOutcome;
import org.caremap.shared.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the trail by patient, through its {@code (patient_id, occurred_at)} index. */
@Component
class JdbcAuditHistory implements AuditHistory {

	private final JdbcClient jdbc;

	JdbcAuditHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Access> ofPatient(PatientId patient, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select occurred_at, actor, actor_roles, action, resource_type, outcome from audit_event
				where patient_id = ? and occurred_at >= ? and occurred_at < ? order by occurred_at, id limit ?""")
			.params(patient.value(), Timestamp.from(from), Timestamp.from(to), limit)
			.query((rs, n) -> new Access(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), AuditOutcome.valueOf(rs.getString(6))))
			.list();
	}

	@Override
	public long countOfPatient(PatientId patient, Instant from, Instant to) {
		return jdbc.sql("select count(*) from audit_event where patient_id = ? and occurred_at >= ? and occurred_at < ?")
			.params(patient.value(), Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
	}
}
