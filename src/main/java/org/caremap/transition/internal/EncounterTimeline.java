package org.caremap.transition.internal;

import java.util.ArrayList;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Admissions, ED visits, discharges (with LACE and a readmission mark) on the patient's timeline. */
@Component
class EncounterTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final org.springframework.context.MessageSource messages;

	EncounterTimeline(JdbcClient jdbc, org.springframework.context.MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		List<TimelineEntry> out = new ArrayList<>();
		jdbc.sql("""
				select facility, location, patient_class, status, admitted_at, discharged_at, lace, readmission_of is not null,
				       disposition, created_at
				from encounter where patient_id = ?""")
			.param(patient.value())
			.query((rs, n) -> {
				java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
				String place = EncounterPlace.words(rs.getString(2), messages, locale);
				String where = place == null ? rs.getString(1)
						: messages.getMessage("timeline.encounter.where", new Object[] { rs.getString(1), place }, locale);
				String status = rs.getString(4);
				boolean ed = "E".equals(rs.getString(3));
				java.sql.Timestamp admitted = rs.getTimestamp(5);
				java.sql.Timestamp discharged = rs.getTimestamp(6);
				java.sql.Timestamp created = rs.getTimestamp(10);
				if ("CANCELLED".equals(status)) {
					out.add(new TimelineEntry((admitted != null ? admitted : created).toInstant(), "encounter.cancelled", where,
							null, null));
					return 1;
				}
				if ("PLANNED".equals(status)) {
					out.add(new TimelineEntry((admitted != null ? admitted : created).toInstant(), "encounter.planned", where, null, null));
					return 1;
				}
				if (admitted != null) {
					out.add(new TimelineEntry(admitted.toInstant(), ed ? "encounter.ed" : "encounter.admitted", where, null, null));
				}
				if (discharged != null) {
					String lace = rs.getObject(7) == null ? ""
							: " · " + messages.getMessage("timeline.encounter.lace", new Object[] { rs.getInt(7) }, locale);
					String readmission = rs.getBoolean(8) ? " · " + messages.getMessage("timeline.encounter.readmission", null,
							locale) : "";
					out.add(new TimelineEntry(discharged.toInstant(), "encounter.discharged", where + lace + readmission, null, null));
				}
				return 1;
			})
			.list();
		return out;
	}
}
