package org.caremap.audit.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads the newest audit events for the administrator's page. */
@Component
public class AuditLog {

	/** One audit row as listed. */
	public record Row(long id, Instant occurredAt, String actor, String action, String resourceType,
			@Nullable String resourceId, String outcome, @Nullable String sourceIp, boolean sealed) {
	}

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Row> newest(int limit) {
		return jdbc.sql("""
				select e.id, e.occurred_at, e.actor, e.action, e.resource_type, e.resource_id, e.outcome, e.source_ip,
				       exists (select 1 from audit_chain c where c.event_id = e.id) as sealed
				from audit_event e order by e.id desc limit ?""")
			.param(limit)
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("resource_type"),
					rs.getString("resource_id"), rs.getString("outcome"), rs.getString("source_ip"),
					rs.getBoolean("sealed")))
			.list();
	}
}
