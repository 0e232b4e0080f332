package org.caremap.quality.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.caremap.caseload.CaseAssigned;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseOpened;
import org.caremap.contact.ContactLogged;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientsMerged;
import org.caremap.referral.ReferralReceived;
import org.caremap.transition.AdmissionCancelled;
import org.caremap.transition.DischargeCancelled;
import org.caremap.transition.EdVisitRecorded;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The quality module's read model, filled from the events of the modules where things happen (none of them knows
 * this module). Every write is an upsert keyed by the id of what it records, so an event delivered again after a
 * crash, or replayed by a rebuild, changes nothing. Days are counted in the organisation's time zone.
 */
@Component
class QualityFacts {

	private final JdbcClient jdbc;
	private final Organizations organizations;

	QualityFacts(JdbcClient jdbc, Organizations organizations) {
		this.jdbc = jdbc;
		this.organizations = organizations;
	}

	private @Nullable LocalDate day(@Nullable Instant at) {
		if (at == null) return null;
		ZoneId zone = organizations.zone();
		return at.atZone(zone).toLocalDate();
	}

	@ApplicationModuleListener
	void on(CaseOpened e) {
		jdbc.sql("""
				insert into quality_case (case_id, patient_id, program_id, case_manager_id, opened_on)
				values (?, ?, ?, ?, ?)
				on conflict (case_id) do update set opened_on = excluded.opened_on, program_id = excluded.program_id""")
			.params(e.caseId().value(), e.patient().value(), e.program().value(), e.caseManager().value(), e.startDate())
			.update();
	}

	/** The case counts for its current case manager (a reassignment moves the case's figures with it). */
	@ApplicationModuleListener
	void on(CaseAssigned e) {
		jdbc.sql("update quality_case set case_manager_id = ? where case_id = ?")
			.params(e.caseManager().value(), e.caseId().value()).update();
	}

	@ApplicationModuleListener
	void on(CaseClosed e) {
		jdbc.sql("""
				insert into quality_case_closure (case_id, closed_on, close_reason, close_outcome) values (?, ?, ?, ?)
				on conflict (case_id) do update set closed_on = excluded.closed_on, close_reason = excluded.close_reason,
				    close_outcome = excluded.close_outcome""")
			.params(e.caseId().value(), e.closedOn(), e.reason(), e.outcome()).update();
	}

	@ApplicationModuleListener
	void on(ReferralReceived e) {
		jdbc.sql("""
				insert into quality_referral (referral_id, patient_id, program_id, received_on) values (?, ?, ?, ?)
				on conflict (referral_id) do nothing""")
			.params(e.referral().value(), e.patient().value(), e.program().value(), day(e.receivedAt())).update();
	}

	@ApplicationModuleListener
	void on(ContactLogged e) {
		jdbc.sql("""
				insert into quality_contact (contact_id, patient_id, case_id, occurred_on, reached) values (?, ?, ?, ?, ?)
				on conflict (contact_id) do nothing""")
			.params(e.contact(), e.patient().value(), e.caseId() == null ? null : e.caseId().value(), day(e.occurredAt()),
					e.reachedPatient())
			.update();
	}

	/** The goals of a care plan version: first seen, first met, first dropped (a version heard late changes nothing later). */
	@ApplicationModuleListener
	void on(org.caremap.careplan.CarePlanRevised e) {
		LocalDate on = day(e.at());
		for (org.caremap.careplan.CarePlanRevised.GoalState g : e.goals()) {
			jdbc.sql("""
					insert into quality_goal (goal_id, patient_id, case_id, first_on, met_on, dropped_on) values (?, ?, ?, ?, ?, ?)
					on conflict (goal_id) do update set first_on = least(quality_goal.first_on, excluded.first_on),
					    met_on = least(quality_goal.met_on, excluded.met_on),
					    dropped_on = least(quality_goal.dropped_on, excluded.dropped_on)""")
				.params(g.goal(), e.patient().value(), e.caseId().value(), on, g.met() ? on : null, g.dropped() ? on : null)
				.update();
		}
	}

	/** A kept face-to-face provider visit (other kinds of appointment are not a TCM visit). */
	@ApplicationModuleListener
	void on(org.caremap.appointment.AppointmentKept e) {
		if (e.kind() != org.caremap.appointment.AppointmentKind.PROVIDER_VISIT) return;
		jdbc.sql("insert into quality_visit (appointment_id, patient_id, kept_on) values (?, ?, ?) on conflict (appointment_id) do nothing")
			.params(e.appointment(), e.patient().value(), day(e.start())).update();
	}

	@ApplicationModuleListener
	void on(org.caremap.medication.ReconciliationSigned e) {
		jdbc.sql("""
				insert into quality_reconciliation (reconciliation_id, patient_id, signed_on) values (?, ?, ?)
				on conflict (reconciliation_id) do nothing""")
			.params(e.reconciliation(), e.patient().value(), day(e.signedAt())).update();
	}

	/** A social need found by screening. */
	@ApplicationModuleListener
	void on(org.caremap.assessment.SocialNeedIdentified e) {
		jdbc.sql("""
				insert into quality_social_need (need_id, patient_id, identified_on) values (?, ?, ?)
				on conflict (need_id) do update set identified_on = excluded.identified_on""")
			.params(e.need(), e.patient().value(), e.identifiedOn()).update();
	}

	/** A social need met (the first day it was met counts). */
	@ApplicationModuleListener
	void on(org.caremap.assessment.SocialNeedResolved e) {
		jdbc.sql("""
				insert into quality_social_need (need_id, patient_id, resolved_on) values (?, ?, ?)
				on conflict (need_id) do update set resolved_on = least(quality_social_need.resolved_on, excluded.resolved_on)""")
			.params(e.need(), e.patient().value(), day(e.resolvedAt())).update();
	}

	/** A community referral sent (a resend keeps the first day). */
	@ApplicationModuleListener
	void on(org.caremap.community.CommunityReferralSent e) {
		jdbc.sql("""
				insert into quality_community_referral (referral_id, patient_id, sent_on) values (?, ?, ?)
				on conflict (referral_id) do update set sent_on = least(quality_community_referral.sent_on, excluded.sent_on)""")
			.params(e.referral(), e.patient().value(), e.sentAt() == null ? organizations.today() : day(e.sentAt())).update();
	}

	/** A community referral's loop closed (completed, rejected or cancelled). */
	@ApplicationModuleListener
	void on(org.caremap.community.CommunityReferralClosed e) {
		jdbc.sql("""
				insert into quality_community_referral (referral_id, patient_id, closed_on) values (?, ?, ?)
				on conflict (referral_id) do update set closed_on = least(quality_community_referral.closed_on, excluded.closed_on)""")
			.params(e.referral(), e.patient().value(), day(e.at())).update();
	}

	/** The first decision on a request sent to the payer (a withdrawal is no decision; an appeal's is not the first). */
	@ApplicationModuleListener
	void on(org.caremap.utilization.AuthorizationDecided e) {
		if (e.submittedAt() == null || e.status() == org.caremap.utilization.AuthorizationStatus.WITHDRAWN) return;
		jdbc.sql("""
				insert into quality_authorization (authorization_id, patient_id, submitted_at, decided_at, decided_on)
				values (?, ?, ?, ?, ?) on conflict (authorization_id) do nothing""")
			.params(e.authorization(), e.patient().value(), java.sql.Timestamp.from(e.submittedAt()),
					java.sql.Timestamp.from(e.at()), day(e.at()))
			.update();
	}

	/** A completed PHQ-9 with its total (other instruments and a PHQ-9 without a total are not measured). */
	@ApplicationModuleListener
	void on(org.caremap.assessment.AssessmentCompleted e) {
		if (!"phq-9".equals(e.instrumentKey()) || e.total() == null || e.completedAt() == null) return;
		jdbc.sql("""
				insert into quality_phq9 (assessment_id, patient_id, completed_on, total) values (?, ?, ?, ?)
				on conflict (assessment_id) do nothing""")
			.params(e.assessmentId(), e.patient().value(), day(e.completedAt()), e.total().intValue()).update();
	}

	@ApplicationModuleListener
	void on(PatientAdmitted e) {
		stay(e.encounter(), e.patient().value(), "INPATIENT", day(e.admittedAt()));
	}

	@ApplicationModuleListener
	void on(EdVisitRecorded e) {
		stay(e.encounter(), e.patient().value(), "ED", day(e.arrivedAt()));
	}

	private void stay(java.util.UUID encounter, java.util.UUID patient, String kind, @Nullable LocalDate admitted) {
		jdbc.sql("""
				insert into quality_stay (encounter_id, patient_id, kind, admitted_on) values (?, ?, ?, ?)
				on conflict (encounter_id) do update set admitted_on = coalesce(excluded.admitted_on, quality_stay.admitted_on)""")
			.params(encounter, patient, kind, admitted).update();
	}

	/**
	 * An inpatient discharge closes its stay (an ED discharge is already counted as a visit). A discharge heard of
	 * without its admission takes the admission day from the length of stay the discharge carries.
	 */
	@ApplicationModuleListener
	void on(PatientDischarged e) {
		if (!"I".equals(e.patientClass())) return;
		LocalDate out = day(e.dischargedAt());
		LocalDate in = e.lace() == null || out == null ? null : out.minusDays(e.lace().lengthOfStayDays());
		jdbc.sql("""
				insert into quality_stay (encounter_id, patient_id, kind, admitted_on, discharged_on) values (?, ?, 'INPATIENT', ?, ?)
				on conflict (encounter_id) do update set discharged_on = excluded.discharged_on,
				    admitted_on = coalesce(quality_stay.admitted_on, excluded.admitted_on)""")
			.params(e.encounter(), e.patient().value(), in, out).update();
	}

	@ApplicationModuleListener
	void on(AdmissionCancelled e) {
		jdbc.sql("delete from quality_stay where encounter_id = ?").param(e.encounter()).update();
	}

	@ApplicationModuleListener
	void on(DischargeCancelled e) {
		jdbc.sql("update quality_stay set discharged_on = null where encounter_id = ?").param(e.encounter()).update();
	}

	/** A merged record's facts move to the survivor, in the merge's transaction. */
	@EventListener
	void on(PatientsMerged merged) {
		for (String table : new String[] { "quality_case", "quality_stay", "quality_contact", "quality_referral", "quality_phq9", "quality_goal", "quality_visit", "quality_reconciliation", "quality_community_referral", "quality_social_need",
				"quality_authorization" }) {
			jdbc.sql("update " + table + " set patient_id = ? where patient_id = ?")
				.params(merged.survivor().value(), merged.merged().value()).update();
		}
	}
}
