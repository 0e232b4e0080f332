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
import org.caremap.utilization.AuthorizationDecided;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The programs' own clocks, moved by the events of the modules where things happen: an enrolment, a discharge, a
 * safety flag start them; a hold or a stay in hospital pauses them; a contact, a completed assessment, a payer's
 * decision stop them; a closed case cancels them. Case events arrive in the transaction of the change (as the cadence
 * does); the others after their commit, and each move is idempotent (a start by its subject, a move by the state it
 * leaves).
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
		run(() -> clocks.stopFor(ClockStop.AUTHORIZATION_DECIDED, event.patient(), null, event.at(),
				"authorization decided: " + event.status()));
	}

	private List<CaseView> openCases(org.caremap.shared.PatientId patient) {
		return cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).toList();
	}

	private static void run(Runnable work) {
		SystemActor.run(ACTOR, List.of("SYSTEM", "SUPERVISOR"), work);
	}
}
