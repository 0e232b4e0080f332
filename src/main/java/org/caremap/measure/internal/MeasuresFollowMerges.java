package org.caremap.measure.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Self-reported readings move with a merged patient record (in the merge's transaction); none is dropped. */
@Component
class MeasuresFollowMerges {

	private final JdbcClient jdbc;

	MeasuresFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		jdbc.sql("update measure_reading set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value()).update();
	}
}
