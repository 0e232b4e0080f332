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
 * Authorizations on the patient's timeline, in words: a request sent to the payer, the payer's decision, and each
 * appeal's outcome ("Appeal of Home health visits (internal): overturned").
 */
@Component
class AuthorizationTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	AuthorizationTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		List<TimelineEntry> out = new ArrayList<>();
		jdbc.sql("""
				select id, service, payer, status, submitted_at, decided_at, first_decision, updated_by
				from authorization_request where patient_id = ? and not voided and submitted_at is not null""")
			.param(patient.value())
			.query((rs, n) -> {
				String link = "/patients/" + patient.value() + "/authorizations/" + rs.getObject(1, java.util.UUID.class);
				out.add(new TimelineEntry(rs.getObject(5, OffsetDateTime.class).toInstant(), "authorization",
						text(locale, "timeline.authorization.submitted", rs.getString(2), rs.getString(3)), rs.getString(8), link));
				if (rs.getObject(6) != null && rs.getString(7) != null) {
					out.add(new TimelineEntry(rs.getObject(6, OffsetDateTime.class).toInstant(), "authorization",
							text(locale, "timeline.authorization.decided", rs.getString(2),
									text(locale, "authorization.status." + rs.getString(7))), rs.getString(8), link));
				}
				return 1;
			})
			.list();
		jdbc.sql("""
				select a.authorization_id, r.service, a.level, a.status, a.decided_at, a.updated_by
				from authorization_appeal a join authorization_request r on r.id = a.authorization_id
				where a.patient_id = ? and a.decided_at is not null""")
			.param(patient.value())
			.query((rs, n) -> out.add(new TimelineEntry(rs.getObject(5, OffsetDateTime.class).toInstant(), "authorization",
					text(locale, "timeline.authorization.appeal", rs.getString(2), text(locale, "appeal.level." + rs.getString(3)),
							text(locale, "appeal.status." + rs.getString(4))), rs.getString(6),
					"/patients/" + patient.value() + "/authorizations/" + rs.getObject(1, java.util.UUID.class))))
			.list();
		return out;
	}

	private String text(Locale locale, String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
