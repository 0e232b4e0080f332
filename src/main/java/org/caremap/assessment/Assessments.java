package org.caremap.assessment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Assessments of patients: assigned, answered (in one sitting or several), completed and scored. Every read and
 * write is authorized by the patient relationship and audited. A refused change throws a {@code DomainException}
 * that says why.
 */
public interface Assessments {

	/** Assigns the latest version of the instrument, due on the date, with a task for whoever does it. */
	UUID assign(PatientId patient, @Nullable CaseId caseId, String instrumentKey, LocalDate dueOn);

	/**
	 * Assigns the instrument for the patient to answer themselves at home, in the patient portal (the case manager's
	 * WRITE, as {@link #assign}); the answers are checked and scored as here, with the patient as respondent.
	 */
	UUID assignAtHome(PatientId patient, @Nullable CaseId caseId, String instrumentKey, LocalDate dueOn);

	/**
	 * The patient's open questionnaires to answer at home, for the patient themselves in the portal (a proxy, another
	 * patient or a staff member is refused, audited). They are saved and completed with {@link #save} and
	 * {@link #complete}, which let the patient (the record's CONTRIBUTE) answer an at-home assessment of their own.
	 */
	List<AssessmentView> toAnswerAtHome(PatientId patient);

	/** The assessment; one made in a Part 2 program the reader is outside of is refused ({@code WithheldRecord}). */
	Optional<AssessmentView> find(UUID id);

	/**
	 * These assessments in this order (for a page of search results), each patient's access checked once and the
	 * 42 CFR Part 2 segmentation decided once for all of them: those withheld from the reader left out and counted.
	 */
	Shown<AssessmentView> find(List<UUID> ids);

	/** The patient's assessments the reader may see. */
	default List<AssessmentView> ofPatient(PatientId patient) {
		return shown(patient).rows();
	}

	/**
	 * The patient's assessments as the reader sees them: those made in a 42 CFR Part 2 program the reader is outside
	 * of withheld and counted. Their flags, social needs, scores and suggestions are withheld the same way.
	 */
	Shown<AssessmentView> shown(PatientId patient);

	/** Saves answers part way (the assessment is then in progress); answers already given may be changed. */
	void save(UUID id, Answers answers, @Nullable Respondent respondent, int expectedVersion);

	/**
	 * Completes the assessment with these answers: scores it, raises its flags (an urgent one creates an urgent task
	 * for the case manager at once), records social needs, assigns the follow-up instruments the rules name.
	 */
	ScoreResult complete(UUID id, Answers answers, @Nullable Respondent respondent, int expectedVersion);

	/**
	 * Records answers given elsewhere (another system's questionnaire response), all or nothing: the patient's open
	 * assessment of the instrument is answered, or, when none is open, one is assigned on the patient's open case and
	 * answered, with the same checks, scoring and consequences as answering it here. {@code seq}, when given, is the
	 * instrument version the answers were given to and must be the one the assessment uses. Returns the assessment.
	 */
	UUID record(PatientId patient, String instrumentKey, @Nullable Integer seq, Answers answers,
			@Nullable Respondent respondent, boolean complete);

	void cancel(UUID id, String reason);

	List<AssessmentFlag> flags(PatientId patient);

	void addressFlag(UUID flag, String note);

	List<SocialNeed> needs(PatientId patient);

	void resolveNeed(UUID need, String resolution);

	/** Headline scores of completed assessments, oldest first, for the chart of scores over time. */
	List<ScorePoint> history(PatientId patient);

	/** Care-plan triggers of the latest completed assessment of each instrument. */
	List<Suggestion> suggestions(PatientId patient);
}
