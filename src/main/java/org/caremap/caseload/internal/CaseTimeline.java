package org.caremap.caseload.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Case events on the timeline: enrolment, holds, acuity changes, reassignment, closure (not a withheld Part 2 case's). */
@Component
class CaseTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Segmentation segmentation;

	CaseTimeline(JdbcClient jdbc, MessageSource messages, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.segmentation = segmentation;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		// the events of a case in a Part 2 program are left out for a reader outside it
		Part2Segment segment = segmentation.part2(patient);
		return jdbc.sql("""
				select s.created_at, s.kind, s.to_value, coalesce(s.note, ''), s.created_by, c.id
				from case_step s join care_case c on c.id = s.case_id
				where c.patient_id = ? and s.kind in ('STATUS', 'ACUITY', 'CASE_MANAGER') order by s.id""")
			.param(patient.value())
			.query((rs, n) -> {
				if (segment.withholds(rs.getObject(6, UUID.class))) return null;
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
			.list().stream().filter(Objects::nonNull).toList();
	}
}
