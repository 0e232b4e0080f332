package org.caremap.patient.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The registry's events on the timeline: registration. */
@Component
class RegistryTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	RegistryTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		return jdbc.sql("select created_at, created_by from patient where id = ?")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "registered", "",
					rs.getString(2), null))
			.list();
	}
}
