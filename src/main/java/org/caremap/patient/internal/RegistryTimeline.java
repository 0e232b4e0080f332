package org.caremap.patient.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.access.Segmentation;
import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry's events on the timeline: registration, and each coded condition at its onset (or when recorded), but
 * not a condition labelled 42 CFR Part 2 for a reader outside the patient's Part 2 programs.
 */
@Component
class RegistryTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final org.springframework.context.MessageSource messages;
	private final Segmentation segmentation;

	RegistryTimeline(JdbcClient jdbc, org.springframework.context.MessageSource messages, Segmentation segmentation) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.segmentation = segmentation;
	}

	/** The condition and its code, with the clinical status in words when it is not active. */
	private String condition(String display, String code, @org.jspecify.annotations.Nullable String status) {
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		if (status == null || "active".equals(status)) {
			return messages.getMessage("timeline.condition.summary", new Object[] { display, code }, locale);
		}
		String words = messages.getMessage("timeline.condition.status." + status, null, status, locale);
		return messages.getMessage("timeline.condition.summaryStatus", new Object[] { display, code, words }, locale);
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		List<TimelineEntry> out = new java.util.ArrayList<>(jdbc.sql("select created_at, created_by from patient where id = ?")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "registered", "",
					rs.getString(2), null))
			.list());
		// the conditions labelled 42 CFR Part 2 are left out for a reader outside the patient's Part 2 programs
		boolean withheld = jdbc.sql("select exists (select 1 from patient_condition where patient_id = ? and part2 and not voided)")
			.param(patient.value()).query(Boolean.class).single() && segmentation.part2(patient).withholdsLabelled();
		out.addAll(jdbc.sql("""
				select coalesce(onset_date::timestamptz, created_at) at_time, display, code, clinical_status, created_by
				from patient_condition where patient_id = ? and not voided""" + (withheld ? " and not part2" : ""))
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "condition",
					condition(rs.getString(2), rs.getString(3), rs.getString(4)),
					rs.getString(5), null))
			.list());
		return out;
	}
}
