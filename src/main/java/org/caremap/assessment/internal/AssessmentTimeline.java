package org.caremap.assessment.internal;

import org.caremap.access.Segmentation;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Completed assessments on the patient's timeline, with their headline score. */
@Component
class AssessmentTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final org.springframework.context.MessageSource messages;
	private final Segmentation segmentation;

	AssessmentTimeline(JdbcClient jdbc, org.springframework.context.MessageSource messages, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		// the assessments of a substance-use program's cases are left out for readers outside it (42 CFR Part 2)
		UUID[] withheld = segmentation.part2(patient).withheldCases().toArray(UUID[]::new);
		return jdbc.sql("""
				select a.id, a.completed_at, v.title, a.total, a.band_label, a.completed_by
				from assessment a join instrument_version v on v.key = a.instrument_key and v.seq = a.instrument_seq
				where a.patient_id = ? and a.status = 'COMPLETED' and (a.case_id is null or not (a.case_id = any(?)))""")
			.params(patient.value(), withheld)
			.query((rs, n) -> {
				java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
				String title = rs.getString(3);
				String summary = rs.getBigDecimal(4) == null ? title
						: rs.getString(5) == null
								? messages.getMessage("timeline.assessment.score", new Object[] { title,
										rs.getBigDecimal(4).stripTrailingZeros().toPlainString() }, locale)
								: messages.getMessage("timeline.assessment.scoreBand", new Object[] { title,
										rs.getBigDecimal(4).stripTrailingZeros().toPlainString(), rs.getString(5) }, locale);
				return new TimelineEntry(rs.getTimestamp(2).toInstant(), "assessment", summary,
						rs.getString(6), "/patients/" + patient.value() + "/assessments/" + rs.getObject(1, UUID.class));
			})
			.list();
	}
}
