package org.caremap.task;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * The transitions tracker: per discharge of a patient in care, each step of the 30-day transition (the interactive
 * contact within 2 business days, medication reconciliation, the face-to-face visit within 7 or 14 days) pending,
 * met (when, by what evidence) or missed, and the TCM evidence the period gives; a case manager's list across their
 * patients, and a supervisor's view of timeliness.
 */
public interface TransitionTracker {

	/** The transitions of the case manager's open cases: those still open first, then those ended in the last 30 days. */
	List<TrackedTransition> mine(UserId caseManager);

	/** The patient's transitions, latest first (a chart read: the patient's READ purpose is required). */
	List<TrackedTransition> ofPatient(PatientId patient);

	/** One transition of the patient (a chart read). */
	Optional<TrackedTransition> of(PatientId patient, UUID encounter);

	/** How timely the steps were for discharges on these days, per case manager and in all (supervisors). */
	Timeliness timeliness(LocalDate from, LocalDate to);

	/** The clinician's medical decision-making complexity for the TCM service (the patient's WRITE purpose). */
	void recordDecisionMaking(PatientId patient, UUID encounter, TrackedTransition.DecisionMaking level);
}
