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

	/** What the page is filtered by; a null field does not filter. Actors is null for "anyone". */
	public record Filter(java.util.@Nullable Collection<String> actors, java.util.@Nullable UUID patient,
			@Nullable String action, @Nullable String outcome, @Nullable Instant from, @Nullable Instant toExclusive) {
	}

	/**
	 * One page of rows, newest first, after (older than) the event {@code before} or before (newer than) the event
	 * {@code after}; {@code more} tells whether further rows lie beyond the page in the direction read.
	 */
	public record Page(List<Row> rows, boolean more) {
	}

	/**
	 * Keyset paging on (occurred_at, id): each filter has an index leading with its column and ending with
	 * occurred_at (V4, V36), so a page reads about its size in index entries whatever the filter.
	 */
	@Transactional(readOnly = true)
	public Page page(Filter filter, @Nullable Long before, @Nullable Long after, int size) {
		StringBuilder sql = new StringBuilder("""
				select e.id, e.occurred_at, e.actor, e.action, e.resource_type, e.resource_id, e.outcome, e.source_ip,
				       exists (select 1 from audit_chain c where c.event_id = e.id) as sealed
				from audit_event e where true""");
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		if (filter.actors() != null && filter.actors().size() == 1) {
			// one user (the usual case): a plain equality, so the planner walks audit_event_actor_idx in time order
			sql.append(" and e.actor = :actor");
			params.put("actor", filter.actors().iterator().next());
		}
		else if (filter.actors() != null) {
			sql.append(" and e.actor = any(:actors)");
			params.put("actors", filter.actors().toArray(String[]::new));
		}
		if (filter.patient() != null) {
			sql.append(" and e.patient_id = :patient");
			params.put("patient", filter.patient());
		}
		if (filter.action() != null) {
			sql.append(" and e.action = :action");
			params.put("action", filter.action());
		}
		if (filter.outcome() != null) {
			sql.append(" and e.outcome = :outcome");
			params.put("outcome", filter.outcome());
		}
		if (filter.from() != null) {
			sql.append(" and e.occurred_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(filter.from(), java.time.ZoneOffset.UTC));
		}
		if (filter.toExclusive() != null) {
			sql.append(" and e.occurred_at < :to");
			params.put("to", OffsetDateTime.ofInstant(filter.toExclusive(), java.time.ZoneOffset.UTC));
		}
		boolean backwards = before == null && after != null;
		if (before != null) {
			sql.append(" ").append("""
					and e.occurred_at <= (select k.occurred_at from audit_event k where k.id = :key)
					and (e.occurred_at, e.id) < (select k.occurred_at, k.id from audit_event k where k.id = :key)""");
			params.put("key", before);
		}
		else if (after != null) {
			sql.append(" ").append("""
					and e.occurred_at >= (select k.occurred_at from audit_event k where k.id = :key)
					and (e.occurred_at, e.id) > (select k.occurred_at, k.id from audit_event k where k.id = :key)""");
			params.put("key", after);
		}
		sql.append(backwards ? " order by e.occurred_at, e.id" : " order by e.occurred_at desc, e.id desc");
		sql.append(" limit ").append(size + 1);
		List<Row> rows = new java.util.ArrayList<>(jdbc.sql(sql.toString()).params(params).query(AuditLog::row).list());
		boolean more = rows.size() > size;
		if (more) rows.remove(rows.size() - 1);
		if (backwards) java.util.Collections.reverse(rows);
		return new Page(rows, more);
	}

	private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("action"), rs.getString("resource_type"),
				rs.getString("resource_id"), rs.getString("outcome"), rs.getString("source_ip"),
				rs.getBoolean("sealed"));
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
