package org.caremap.caseload.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Case events on the timeline: enrolment, holds, acuity changes, reassignment, closure. */
@Component
class CaseTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	CaseTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		return jdbc.sql("""
				select s.created_at, s.kind, s.to_value, coalesce(s.note, ''), s.created_by, c.id
				from case_step s join care_case c on c.id = s.case_id
				where c.patient_id = ? and s.kind in ('STATUS', 'ACUITY', 'CASE_MANAGER') order by s.id""")
			.param(patient.value())
			.query((rs, n) -> {
				String kind = rs.getString(2);
				String key = switch (kind) {
					case "STATUS" -> "case." + rs.getString(3);
					case "ACUITY" -> "case.acuity";
					default -> "case.reassigned";
				};
				String summary = kind.equals("ACUITY") ? rs.getString(3) + (rs.getString(4).isEmpty() ? "" : ": " + rs.getString(4))
						: rs.getString(4);
				return new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), key, summary,
						rs.getString(5), "/patients/" + patient + "/cases");
			})
			.list();
	}
}
