package org.caremap.task.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.team.DiscussionFlags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Overdue work for a team meeting's agenda: a case with open tasks past their due time (served by task_case_idx). */
@Component
class OverdueWorkDiscussionFlags implements DiscussionFlags {

	private final JdbcClient jdbc;

	OverdueWorkDiscussionFlags(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<CaseId, List<Flag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Map<CaseId, List<Flag>> out = new HashMap<>();
		jdbc.sql("""
				select case_id, count(*) from task
				where case_id = any(?) and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD') and due_at < now()
				group by case_id""")
			.param(cases.keySet().stream().map(CaseId::value).toArray(UUID[]::new))
			.query((rs, n) -> {
				long late = rs.getLong(2);
				out.put(new CaseId(rs.getObject(1, UUID.class)),
						List.of(new Flag("overdue-work", late == 1 ? "1 task overdue" : late + " tasks overdue")));
				return 1;
			})
			.list();
		return out;
	}
}
