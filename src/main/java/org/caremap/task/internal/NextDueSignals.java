package org.caremap.task.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseFlag;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.organization.Organizations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The next due open task of each case, and its late work as a flag, for the caseload lists. */
@Component
class NextDueSignals implements CaseSignals {

	private final JdbcClient jdbc;
	private final Organizations organizations;

	NextDueSignals(JdbcClient jdbc, Organizations organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	@Override
	public Map<CaseId, LocalDate> nextDue(Collection<CaseId> cases) {
		if (cases.isEmpty()) return Map.of();
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		Map<CaseId, LocalDate> out = new HashMap<>();
		jdbc.sql("""
				select case_id, min(due_at) from task
				where case_id = any(?) and due_at is not null and status in ('REQUESTED', 'READY', 'IN_PROGRESS')
				group by case_id""")
			.param(cases.stream().map(CaseId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new CaseId(rs.getObject(1, UUID.class)),
					rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate()))
			.list();
		return out;
	}

	/** Overdue work per owner: open tasks past their due time (one query for everyone asked). */
	@Override
	public Map<org.caremap.shared.UserId, Long> overdueWork(Collection<org.caremap.shared.UserId> people) {
		if (people.isEmpty()) return Map.of();
		Map<org.caremap.shared.UserId, Long> out = new HashMap<>();
		jdbc.sql("""
				select owner_user_id, count(*) from task
				where owner_user_id = any(?) and due_at < now() and status in ('REQUESTED', 'READY', 'IN_PROGRESS')
				group by owner_user_id""")
			.param(people.stream().map(org.caremap.shared.UserId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new org.caremap.shared.UserId(rs.getObject(1, UUID.class)), rs.getLong(2)))
			.list();
		return out;
	}

	/** Late work: how many open tasks of the case are past their due time. */
	@Override
	public Map<CaseId, java.util.List<CaseFlag>> flags(Map<CaseId, org.caremap.shared.PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Map<CaseId, java.util.List<CaseFlag>> out = new HashMap<>();
		jdbc.sql("""
				select case_id, count(*) from task
				where case_id = any(?) and due_at < now() and status in ('REQUESTED', 'READY', 'IN_PROGRESS')
				group by case_id""")
			.param(cases.keySet().stream().map(CaseId::value).toArray(UUID[]::new))
			.query((rs, n) -> out.put(new CaseId(rs.getObject(1, UUID.class)), java.util.List.of(new CaseFlag("overdue",
					"case.flag.overdue", rs.getInt(2), CaseFlag.Level.WARN, "bi-clock-history"))))
			.list();
		return out;
	}
}
