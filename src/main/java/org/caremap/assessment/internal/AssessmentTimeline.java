package org.caremap.assessment.internal;

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

	AssessmentTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		return jdbc.sql("""
				select a.id, a.completed_at, v.title, a.total, a.band_label, a.completed_by
				from assessment a join instrument_version v on v.key = a.instrument_key and v.seq = a.instrument_seq
				where a.patient_id = ? and a.status = 'COMPLETED'""")
			.param(patient.value())
			.query((rs, n) -> {
				String total = rs.getBigDecimal(4) == null ? "" : ": " + rs.getBigDecimal(4).stripTrailingZeros().toPlainString()
						+ (rs.getString(5) == null ? "" : " (" + rs.getString(5) + ")");
				return new TimelineEntry(rs.getTimestamp(2).toInstant(), "assessment", rs.getString(3) + total,
						rs.getString(6), "/patients/" + patient.value() + "/assessments/" + rs.getObject(1, UUID.class));
			})
			.list();
	}
}
