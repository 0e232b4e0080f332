package org.caremap.task.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tasks move with a merged patient record, in the merge's own transaction. */
@Component
class TasksFollowMerges {

	private final JdbcClient jdbc;

	TasksFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "task", "care_transition" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value()).update();
		}
	}
}
