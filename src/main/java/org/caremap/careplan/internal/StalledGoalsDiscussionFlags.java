package org.caremap.careplan.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.team.DiscussionFlags;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stalled goals for a team meeting's agenda: active goals of the case's current plan that are worsening, not changing
 * or not progressing, or past their target date without being achieved.
 */
@Component
class StalledGoalsDiscussionFlags implements DiscussionFlags {

	private final JdbcClient jdbc;
	private final org.caremap.organization.Organizations organizations;

	StalledGoalsDiscussionFlags(JdbcClient jdbc, org.caremap.organization.Organizations organizations) {
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	@Override
	public Map<CaseId, List<Flag>> flags(Map<CaseId, PatientId> cases) {
		if (cases.isEmpty()) return Map.of();
		Map<CaseId, List<Flag>> out = new HashMap<>();
		jdbc.sql("""
				select p.case_id, count(*)
				from care_plan p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				cross join lateral jsonb_array_elements(v.content -> 'goals') as g(goal)
				where p.case_id = any(?) and p.status = 'ACTIVE' and g.goal ->> 'lifecycle' = 'ACTIVE'
				  and (g.goal ->> 'achievement' in ('WORSENING', 'NO_CHANGE', 'NO_PROGRESS', 'NOT_ACHIEVED')
				       or (g.goal ->> 'targetDate' is not null and (g.goal ->> 'targetDate')::date < ?
				           and g.goal ->> 'achievement' not in ('ACHIEVED', 'SUSTAINING')))
				group by p.case_id""")
			.params(cases.keySet().stream().map(CaseId::value).toArray(UUID[]::new), organizations.today())
			.query((rs, n) -> {
				long stalled = rs.getLong(2);
				out.put(new CaseId(rs.getObject(1, UUID.class)),
						List.of(new Flag("stalled-goals", stalled == 1 ? "1 goal stalled" : stalled + " goals stalled")));
				return 1;
			})
			.list();
		return out;
	}
}
