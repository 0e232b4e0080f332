package org.caremap.outreach.internal;

import java.time.Instant;
import java.time.LocalDate;

import org.caremap.assessment.AssessmentCompleted;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseOpened;
import org.caremap.contact.ContactLogged;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.ConditionRecorded;
import org.caremap.patient.PatientRegistered;
import org.caremap.patient.PatientsMerged;
import org.caremap.patient.PrimaryCareLinked;
import org.caremap.referral.ReferralDecided;
import org.caremap.referral.ReferralReceived;
import org.caremap.transition.AdmissionCancelled;
import org.caremap.transition.EdVisitRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The outreach module's read model, filled from the events of the modules where things happen (none of them knows
 * this module). Every write is an upsert keyed by the id of what it records, so an event delivered again after a
 * crash changes nothing; events may be heard in any order (a closing before its opening, a condition before its
 * patient). Days are counted in the organisation's time zone.
 */
@Component
class OutreachFacts {

	private final JdbcClient jdbc;
	private final Organizations organizations;

	OutreachFacts(JdbcClient jdbc, Organizations organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	private LocalDate day(Instant at) {
		return at.atZone(organizations.zone()).toLocalDate();
	}

	private void patient(java.util.UUID patient) {
		jdbc.sql("insert into outreach_patient (patient_id) values (?) on conflict (patient_id) do nothing").param(patient).update();
	}

	@ApplicationModuleListener
	void on(PatientRegistered e) {
		patient(e.patient().value());
	}

	/** ICD-10-CM conditions only (the registries' condition groups are ICD-10-CM prefixes). */
	@ApplicationModuleListener
	void on(ConditionRecorded e) {
		if (!CodedCondition.ICD10CM.equals(e.system())) return;
		patient(e.patient().value());
		// a 42 CFR Part 2 diagnosis never puts a patient on a registry (its members are listed to people outside the
		// program): kept as not active, so no condition rule matches it
		jdbc.sql("""
				insert into outreach_condition (condition_id, patient_id, code, active) values (?, ?, ?, ?)
				on conflict (condition_id) do update set active = excluded.active""")
			.params(e.condition(), e.patient().value(), e.code(), e.active() && !e.part2()).update();
	}

	@ApplicationModuleListener
	void on(PrimaryCareLinked e) {
		jdbc.sql("""
				insert into outreach_patient (patient_id, has_pcp) values (?, true)
				on conflict (patient_id) do update set has_pcp = true""")
			.param(e.patient().value()).update();
	}

	/** A completed assessment with a primary score (one without a score has no result to compare). */
	@ApplicationModuleListener
	void on(AssessmentCompleted e) {
		if (e.total() == null || e.completedAt() == null) return;
		jdbc.sql("""
				insert into outreach_assessment (assessment_id, patient_id, instrument_key, total, completed_on)
				values (?, ?, ?, ?, ?) on conflict (assessment_id) do nothing""")
			.params(e.assessmentId(), e.patient().value(), e.instrumentKey(), e.total(), day(e.completedAt())).update();
	}

	@ApplicationModuleListener
	void on(EdVisitRecorded e) {
		LocalDate arrived = e.arrivedAt() == null ? organizations.today() : day(e.arrivedAt());
		jdbc.sql("""
				insert into outreach_ed_visit (encounter_id, patient_id, arrived_on) values (?, ?, ?)
				on conflict (encounter_id) do nothing""")
			.params(e.encounter(), e.patient().value(), arrived).update();
	}

	@ApplicationModuleListener
	void on(AdmissionCancelled e) {
		jdbc.sql("delete from outreach_ed_visit where encounter_id = ?").param(e.encounter()).update();
	}

	@ApplicationModuleListener
	void on(ContactLogged e) {
		jdbc.sql("""
				insert into outreach_contact (contact_id, patient_id, occurred_on) values (?, ?, ?)
				on conflict (contact_id) do nothing""")
			.params(e.contact(), e.patient().value(), day(e.occurredAt())).update();
	}

	@ApplicationModuleListener
	void on(CaseOpened e) {
		jdbc.sql("""
				insert into outreach_case (case_id, patient_id, opened_on) values (?, ?, ?)
				on conflict (case_id) do update set opened_on = excluded.opened_on""")
			.params(e.caseId().value(), e.patient().value(), e.startDate()).update();
	}

	@ApplicationModuleListener
	void on(CaseClosed e) {
		jdbc.sql("""
				insert into outreach_case (case_id, patient_id, closed_on) values (?, ?, ?)
				on conflict (case_id) do update set closed_on = excluded.closed_on""")
			.params(e.caseId().value(), e.patient().value(), e.closedOn()).update();
	}

	@ApplicationModuleListener
	void on(ReferralReceived e) {
		jdbc.sql("""
				insert into outreach_referral (referral_id, patient_id, open) values (?, ?, true)
				on conflict (referral_id) do nothing""")
			.params(e.referral().value(), e.patient().value()).update();
	}

	/** A decision ends the wait (a re-opened referral, decided back to received, waits again). */
	@ApplicationModuleListener
	void on(ReferralDecided e) {
		jdbc.sql("""
				insert into outreach_referral (referral_id, patient_id, open) values (?, ?, ?)
				on conflict (referral_id) do update set open = excluded.open""")
			.params(e.referral().value(), e.patient().value(), e.status().open()).update();
	}

	/** A merged record's facts move to the survivor, in the merge's transaction. */
	@EventListener
	void on(PatientsMerged merged) {
		java.util.UUID survivor = merged.survivor().value();
		java.util.UUID gone = merged.merged().value();
		jdbc.sql("""
				insert into outreach_patient (patient_id, has_pcp)
				select ?, coalesce(bool_or(has_pcp), false) from outreach_patient where patient_id in (?, ?)
				on conflict (patient_id) do update set has_pcp = excluded.has_pcp""")
			.params(survivor, survivor, gone).update();
		jdbc.sql("delete from outreach_patient where patient_id = ?").param(gone).update();
		jdbc.sql("delete from outreach_member where patient_id = ?").param(gone).update();
		for (String table : new String[] { "outreach_condition", "outreach_assessment", "outreach_ed_visit", "outreach_contact",
				"outreach_case", "outreach_referral" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?").params(survivor, gone).update();
		}
	}
}
