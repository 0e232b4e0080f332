package org.caremap.caseload.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Case events on the timeline: enrolment, holds, acuity changes, reassignment, closure. */
@Component
class CaseTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	CaseTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
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
				// the acuity in words ("Moderate"), as the case pages say it, not the stored code
				String acuity = kind.equals("ACUITY") ? messages.getMessage("case.acuity." + rs.getString(3), null,
						rs.getString(3), LocaleContextHolder.getLocale()) : "";
				String summary = kind.equals("ACUITY") ? acuity + (rs.getString(4).isEmpty() ? "" : ": " + rs.getString(4))
						: rs.getString(4);
				return new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), key, summary,
						rs.getString(5), "/patients/" + patient + "/cases");
			})
			.list();
	}
}
