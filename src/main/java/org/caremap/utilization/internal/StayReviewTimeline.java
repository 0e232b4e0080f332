package org.caremap.utilization.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
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
 * Concurrent review on the patient's timeline, in words: a stay coming under review for a payer (Stay at RIVERSIDE
 * GENERAL under concurrent review for Medicare) and each review recorded by its reviewer (Review on day 3: acute
 * inpatient care and criteria met, InterQual).
 */
@Component
class StayReviewTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	StayReviewTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		String link = "/patients/" + patient.value() + "/reviews";
		List<TimelineEntry> out = new ArrayList<>(jdbc.sql("""
				select created_at, facility, payer from stay_review where patient_id = ?""")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "stayReview",
					text(locale, "timeline.stayReview.opened", rs.getString(2), rs.getString(3)), null, link))
			.list());
		out.addAll(jdbc.sql("""
				select e.created_at, e.day_of_stay, e.level_of_care, e.criteria_met, e.criteria_set, e.criteria_name, e.created_by
				from stay_review_entry e where e.patient_id = ?""")
			.param(patient.value())
			.query((rs, n) -> {
				String set = switch (rs.getString(5)) {
					case "INTERQUAL" -> "InterQual";
					case "MCG" -> "MCG";
					default -> rs.getString(6) == null ? text(locale, "review.criteria.OTHER") : rs.getString(6);
				};
				String summary = text(locale, rs.getBoolean(4) ? "timeline.stayReview.met" : "timeline.stayReview.notMet",
						rs.getInt(2), text(locale, "review.level." + rs.getString(3)), set);
				return new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), "stayReview", summary, rs.getString(7), link);
			})
			.list());
		return out;
	}

	private String text(Locale locale, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
