package org.caremap.referral.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Referrals move with a merged patient record, in the merge's own transaction. */
@Component
class ReferralsFollowMerges {

	private final JdbcClient jdbc;

	ReferralsFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		jdbc.sql("update referral set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value())
			.update();
	}
}
