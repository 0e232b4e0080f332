package org.caremap.community.internal;

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
 * Community referrals on the patient's timeline: each step of each referral ("Referral to Westside Food Pantry:
 * accepted by the organisation"), from the append-only history.
 */
@Component
class CommunityReferralTimeline implements TimelineSource {

	private final JdbcClient jdbc;
	private final MessageSource messages;

	CommunityReferralTimeline(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		Locale locale = LocaleContextHolder.getLocale();
		return jdbc.sql("""
				select r.id, r.organization_name, h.to_status, h.outcome, h.actor_kind, h.actor_name, h.at, h.action
				from community_referral_history h join community_referral r on r.id = h.referral_id
				where r.patient_id = ? order by h.at""")
			.param(patient.value())
			.query((rs, n) -> {
				String status = messages.getMessage("community.status." + rs.getString(3), null, rs.getString(3), locale);
				String outcome = rs.getString(4);
				String what = outcome == null ? status
						: status + " (" + messages.getMessage("community.outcome." + outcome, null, outcome, locale) + ")";
				String key = "SEND".equals(rs.getString(8)) ? "timeline.community.sent" : "timeline.community.changed";
				return new TimelineEntry(JdbcCommunityReferrals.instant(rs, "at"), "community-referral",
						messages.getMessage(key, new Object[] { rs.getString(2), what }, key, locale), rs.getString(6),
						"/patients/" + patient.value() + "/community/referrals/" + rs.getObject(1, UUID.class));
			})
			.list();
	}
}
