package org.caremap.careplan.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Care plans (with all their versions) move with a merged patient record; they belong to cases, which move too. */
@Component
class CarePlansFollowMerges {

	private final JdbcClient jdbc;

	CarePlansFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		jdbc.sql("update care_plan set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value()).update();
	}
}
