package org.caremap.appointment.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appointments on the patient's timeline, in words: a visit the patient came to or missed at its time ("Provider
 * visit with Dr. Maria Alvarez (Riverside Primary Care): arrived"), one cancelled or moved when that was done.
 */
@Component
class AppointmentTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	AppointmentTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		return jdbc.sql("""
				select case when status in ('ARRIVED', 'NO_SHOW') then starts_at else updated_at end at, kind, status,
				       practitioner, organisation, updated_by
				from appointment where patient_id = ? and not voided and status in ('ARRIVED', 'NO_SHOW', 'CANCELLED', 'RESCHEDULED')""")
			.param(patient.value())
			.query((rs, n) -> {
				String who = org.caremap.appointment.AppointmentView.who(rs.getString(4), rs.getString(5));
				String summary = text(locale, "timeline.appointment.summary", text(locale, "appointment.kind." + rs.getString(2)),
						who, text(locale, "appointment.status." + rs.getString(3)));
				return new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "appointment", summary, rs.getString(6),
						"/patients/" + patient.value() + "/appointments");
			})
			.list();
	}

	private String text(Locale locale, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
