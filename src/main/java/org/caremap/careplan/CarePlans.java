package org.caremap.careplan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Care plans. Every change is a new version with its author and reason, made against the version the author saw
 * (a stale save is refused, never merged silently). Reads and writes are authorized by the patient relationship
 * and audited.
 */
public interface CarePlans {

	/** The case's plan, starting an empty one (version 1) when the case has none. */
	CarePlanView open(CaseId caseId);

	Optional<CarePlanView> find(UUID plan);

	/** The plan whose current version holds this goal (authorized, and audited as a read of the goal). */
	Optional<CarePlanView> withGoal(UUID goal);

	/** The case's plan, if one was started. */
	Optional<CarePlanView> ofCase(CaseId caseId);

	/** Plans of the patient's cases, newest first. */
	List<CarePlanView> ofPatient(PatientId patient);

	/**
	 * The words of the patient's copy of their current plan (the newest active one, else the newest), the same as
	 * the printed copy ({@link #patientCopy}), for the patient portal; empty when the patient has no plan. Authorized
	 * like a read of the plan, and audited as the copy is.
	 */
	Optional<PatientPlanText> patientCopyText(PatientId patient, String language);

	/** Saves the whole plan as a new version; returns the new version number. */
	int save(UUID plan, int expectedVersion, CarePlanContent content, String reason);

	/** Adds the template's problems, goals, interventions and barriers as editable items (a new version). */
	int applyTemplate(UUID plan, int expectedVersion, String templateKey);

	/** Sets when the plan is next reviewed (a new version), with a review task for the case manager. */
	int setReviewDue(UUID plan, int expectedVersion, LocalDate reviewDue, String reason);

	void recordAgreement(UUID plan, String partyName, CarePlanView.Relation relation, CarePlanView.Method method,
			java.time.Instant agreedAt, @Nullable String note);

	void recordProgress(UUID plan, UUID goal, CarePlanContent.Achievement achievement, String note);

	/** One stored version (authorized and audited like the plan). */
	Optional<CarePlanContent> version(UUID plan, int version);

	PlanDiff diff(UUID plan, int from, int to);

	List<TemplateView> templates();

	/** Templates suggested by the patient's latest assessment results and coded conditions, not yet applied. */
	List<TemplateSuggestion> suggestions(UUID plan);

	/** The plain-language copy for the patient as a PDF, in the language asked for where translations exist. */
	byte[] patientCopy(UUID plan, String language);
}
