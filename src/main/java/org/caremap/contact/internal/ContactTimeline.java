package org.caremap.contact.internal;

import org.caremap.access.Segmentation;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Contacts on the patient's timeline, attempts included, in words: 'Phone call with the patient: reached, 15 min'
 * and the summary typed; signed progress notes beside them.
 */
@Component
class ContactTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;
	private final Segmentation segmentation;

	ContactTimeline(JdbcClient jdbc, MessageSource messages, Segmentation segmentation) {
		this.segmentation = segmentation;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		// the entries of a substance-use program's cases are left out for readers outside it (42 CFR Part 2)
		UUID[] withheld = segmentation.part2(patient).withheldCases().toArray(UUID[]::new);
		List<TimelineEntry> out = new java.util.ArrayList<>(jdbc.sql("""
				select occurred_at, type, with_whom, with_name, outcome, minutes, summary, created_by from contact
				where patient_id = ? and not voided and (case_id is null or not (case_id = any(?)))""")
			.params(patient.value(), withheld)
			.query((rs, n) -> {
				String with = text(locale, "contact.with." + rs.getString(3));
				if (rs.getString(4) != null && !rs.getString(4).isBlank()) with = with + " (" + rs.getString(4).strip() + ")";
				String summary = text(locale, "timeline.contact.summary", text(locale, "contact.type." + rs.getString(2)),
						with, text(locale, "contact.outcome." + rs.getString(5)),
						rs.getInt(6));
				String typed = rs.getString(7);
				if (typed != null && !typed.isBlank()) summary = summary + " · " + typed.strip();
				return new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "contact", summary,
						rs.getString(8), "/patients/" + patient.value() + "/notes");
			})
			.list());
		out.addAll(jdbc.sql("""
				select signed_at, format, signed_by from progress_note where patient_id = ? and status = 'SIGNED'
				  and (case_id is null or not (case_id = any(?)))""")
			.params(patient.value(), withheld)
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "note.signed",
					text(locale, "timeline.note.summary", text(locale, "note.format." + rs.getString(2))), rs.getString(3), "/patients/" + patient.value() + "/notes"))
			.list());
		return out;
	}

	private String text(Locale locale, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
