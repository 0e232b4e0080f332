package org.caremap.team.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The care team's members from outside and the message threads move with a merged patient record, in the merge's own transaction. */
@Component
class TeamFollowsMerges {

	private final JdbcClient jdbc;

	TeamFollowsMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "care_team_member", "message_thread", "message" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value())
				.update();
		}
	}
}
