package org.caremap.contact.internal;

import org.caremap.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Contacts, notes (signed ones included) and feedback move with a merged patient record. */
@Component
class ContactsFollowMerges {

	private final JdbcClient jdbc;

	ContactsFollowMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "contact", "progress_note", "patient_feedback" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value())
				.update();
		}
	}
}
