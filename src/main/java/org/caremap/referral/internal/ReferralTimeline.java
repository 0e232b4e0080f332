package org.caremap.referral.internal;

import java.time.OffsetDateTime;
import java.util.List;

import org.caremap.shared.PatientId;
import org.caremap.timeline.TimelineEntry;
import org.caremap.timeline.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Referral events on the timeline: received, screened, accepted, declined, withdrawn, re-opened. */
@Component
class ReferralTimeline implements TimelineSource {

	private final JdbcClient jdbc;

	ReferralTimeline(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<TimelineEntry> entries(PatientId patient) {
		return jdbc.sql("""
				select s.created_at, s.to_status, coalesce(s.note, ''), s.created_by, r.id
				from referral_step s join referral r on r.id = s.referral_id
				where r.patient_id = ? order by s.id""")
			.param(patient.value())
			.query((rs, n) -> new TimelineEntry(rs.getObject(1, OffsetDateTime.class).toInstant(),
					"referral." + rs.getString(2), rs.getString(3), rs.getString(4), "/referrals/" + rs.getString(5)))
			.list();
	}
}
