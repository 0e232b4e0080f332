package org.caremap.task.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.caremap.caseload.CaseAcuitySet;
import org.caremap.patient.PatientHeaderChanged;
import org.caremap.patient.PatientsMerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The worklist's read model ("My day", issue 24): the patients' display data and the cases' acuity, kept in the task
 * module's own tables from the patient and caseload modules' events, so that the worklist is one statement. Each
 * listener is idempotent: a row keeps the latest change it has heard of, and an event heard again, or after a later
 * one, changes nothing.
 */
@Component
class WorklistReadModel {

	private final JdbcClient jdbc;

	WorklistReadModel(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(PatientHeaderChanged e) {
		jdbc.sql("""
				insert into task_worklist_patient (patient_id, family_name, given_name, birth_date, preferred_language, changed_at)
				values (?, ?, ?, ?, ?, ?)
				on conflict (patient_id) do update set family_name = excluded.family_name, given_name = excluded.given_name,
				       birth_date = excluded.birth_date, preferred_language = excluded.preferred_language,
				       changed_at = excluded.changed_at
				where task_worklist_patient.changed_at <= excluded.changed_at""")
			.params(e.patient().value(), e.familyName(), e.givenName(), e.birthDate(), e.preferredLanguage(),
					OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
			.update();
	}

	/** A record merged into another is no longer a patient of anyone's list (its tasks moved with the merge). */
	@ApplicationModuleListener
	void on(PatientsMerged e) {
		jdbc.sql("update task_worklist_patient set voided = true where patient_id = ? and not voided")
			.param(e.merged().value()).update();
	}

	@ApplicationModuleListener
	void on(CaseAcuitySet e) {
		jdbc.sql("""
				insert into task_worklist_case (case_id, acuity, changed_at) values (?, ?, ?)
				on conflict (case_id) do update set acuity = excluded.acuity, changed_at = excluded.changed_at
				where task_worklist_case.changed_at <= excluded.changed_at""")
			.params(e.caseId().value(), e.acuity().name(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
			.update();
	}
}
