package org.caremap.task.internal;

import java.time.Instant;
import java.util.List;

import org.caremap.assessment.AssessmentCompleted;
import org.caremap.assessment.SafetyFlagRaised;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseHeld;
import org.caremap.caseload.CaseOpened;
import org.caremap.caseload.CaseResumed;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.shared.SystemActor;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.caremap.referral.ReferralDecided;
import org.caremap.referral.ReferralReceived;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationRequested;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The programs' own clocks, moved by the events of the modules where things happen: an enrolment, a discharge, a
 * safety flag, a referral received, an authorization request sent start them; a hold or a stay in hospital pauses
 * them; a contact, a completed assessment, a payer's decision, a referral's decision stop them; a closed case cancels
 * them. Case, referral and authorization-request events arrive in the transaction of the change (as the cadence does:
 * a clock is running before anything can stop it); the others after their commit, and each move is idempotent (a
 * start by its subject, a move by the state it leaves).
 */
@Component
class ClockEvents {

	private static final String ACTOR = "clocks";

	private final JdbcClocks clocks;
	private final Cases cases;

	ClockEvents(JdbcClocks clocks, Cases cases) {
		this.clocks = clocks;
		this.cases = cases;
	}

	@EventListener
	void on(CaseOpened opened) {
		run(() -> clocks.startFor(ClockStart.ENROLMENT, opened.program(), opened.patient(), opened.caseId(),
				"case:" + opened.caseId().value(), Instant.now()));
	}

	@EventListener
	void on(CaseHeld held) {
		run(() -> clocks.holdCase(held.caseId(), true, Instant.now()));
	}

	@EventListener
	void on(CaseResumed resumed) {
		run(() -> clocks.holdCase(resumed.caseId(), false, Instant.now()));
	}

	@EventListener
	void on(CaseClosed closed) {
		run(() -> clocks.cancelCase(closed.caseId(), "case closed"));
	}

	@ApplicationModuleListener
	void on(PatientDischarged event) {
		run(() -> {
			clocks.inHospital(event.patient(), false, event.dischargedAt());
			for (CaseView c : openCases(event.patient())) {
				clocks.startFor(ClockStart.DISCHARGE, c.program(), event.patient(), c.id(), "encounter:" + event.encounter(),
						event.dischargedAt());
			}
		});
	}

	@ApplicationModuleListener
	void on(PatientAdmitted event) {
		run(() -> clocks.inHospital(event.patient(), true, event.admittedAt() == null ? Instant.now() : event.admittedAt()));
	}

	@ApplicationModuleListener
	void on(SafetyFlagRaised event) {
		run(() -> {
			Instant now = Instant.now();
			for (CaseView c : openCases(event.patient())) {
				if (event.caseId() != null && !event.caseId().equals(c.id())) continue;
				clocks.startFor(ClockStart.SAFETY_FLAG, c.program(), event.patient(), c.id(), "assessment:" + event.assessment(), now);
			}
		});
	}

	@ApplicationModuleListener
	void on(AssessmentCompleted event) {
		run(() -> clocks.stopFor(ClockStop.ASSESSMENT_COMPLETED, event.patient(), null, Instant.now(),
				"assessment completed: " + event.instrumentTitle()));
	}

	@ApplicationModuleListener
	void on(AuthorizationDecided event) {
		run(() -> clocks.stopOnDecision(event.patient(), event.authorization(), event.at(),
				"authorization decided: " + event.status()));
	}

	/** A referral received starts its program's referral clocks, with the referral (no case yet). */
	@EventListener
	void on(ReferralReceived event) {
		run(() -> clocks.startFor(ClockStart.REFERRAL_RECEIVED, event.program(), event.patient(), null,
				"referral:" + event.referral().value(), event.receivedAt()));
	}

	/** A referral accepted, declined or withdrawn stops the clocks that referral started. */
	@EventListener
	void on(ReferralDecided event) {
		run(() -> clocks.stopSubject(ClockStop.REFERRAL_DECIDED, "referral:" + event.referral().value(), event.decidedAt(),
				"referral " + event.status().name().toLowerCase(java.util.Locale.ROOT)));
	}

	/**
	 * An authorization request sent to the payer starts the request clocks of the program it names, else of each of
	 * the patient's open cases' programs (of the case it names, if any).
	 */
	@EventListener
	void on(AuthorizationRequested event) {
		run(() -> {
			for (CaseView c : openCases(event.patient())) {
				if (event.caseId() != null && !event.caseId().equals(c.id().value())) continue;
				if (event.program() != null && !event.program().equals(c.program().value())) continue;
				clocks.startFor(ClockStart.AUTHORIZATION_REQUESTED, c.program(), event.patient(), c.id(),
						"authorization:" + event.authorization(), event.requestedAt());
			}
		});
	}

	private List<CaseView> openCases(org.caremap.shared.PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
	}

	private static void run(Runnable work) {
		SystemActor.run(ACTOR, List.of("SYSTEM", "SUPERVISOR"), work);
	}
}
