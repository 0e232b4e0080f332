package org.caremap.patient.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The registry's events on the timeline: registration, and each coded condition at its onset (or when recorded). */
@Component
class RegistryTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	RegistryTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		List<TimelineEntry> out = new java.util.ArrayList<>(jdbc.sql("select created_at, created_by from patient where id = ?")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "registered", "",
					rs.getString(2), null))
			.list());
		out.addAll(jdbc.sql("""
				select coalesce(onset_date::timestamptz, created_at) at_time, display, code, clinical_status, created_by
				from patient_condition where patient_id = ? and not voided""")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "condition",
					rs.getString(2) + " (" + rs.getString(3) + ")" + ("active".equals(rs.getString(4)) ? "" : ", " + rs.getString(4)),
					rs.getString(5), null))
			.list());
		return out;
	}
}
