package org.caremap.transition.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Encounters and the messages that named the merged record move to the surviving one. */
@Component
class TransitionsFollowMerges {

	private final JdbcClient jdbc;

	TransitionsFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "encounter", "adt_message" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value()).update();
		}
	}
}
