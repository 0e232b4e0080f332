package org.caremap.caseload;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Cases and caseloads. State changes are named after intent and allowed only as {@link CaseStatus#next()} says;
 * a refused change throws a {@code DomainException} that says why.
 */
public interface Cases {

	/** Enrols the patient; when the enrolment comes from a referral, the referral is accepted with it. */
	CaseId enrol(Enrolment enrolment);

	Optional<CaseView> find(CaseId id);

	List<CaseView> ofPatient(PatientId patient);

	/**
	 * One page of the cases matching the search, oldest first, for systems (the FHIR API). One case or one
	 * patient's cases need read access to that patient (refused otherwise); a wider search leaves out the cases of
	 * patients the caller may not read. Every case returned is audited as read.
	 */
	CasePage search(CaseSearch search, int offset, int count);

	void hold(CaseId id, String reason, @Nullable LocalDate until);

	void resume(CaseId id, String note);

	void close(CaseId id, String reason, String outcome);

	void changeAcuity(CaseId id, Acuity acuity, String reason);

	void recordConsent(CaseId id, Consent consent);

	/** Gives each case a new case manager, notifying both; returns how many moved. */
	int reassign(Collection<CaseId> cases, UserId to, String reason);

	void addTeamMember(CaseId id, UserId user, String role, LocalDate from, @Nullable LocalDate to);

	void endTeamMember(CaseId id, java.util.UUID member, LocalDate on);

	/** The open cases (active and on hold) of one case manager. */
	List<CaseloadRow> caseload(UserId caseManager);

	/**
	 * One page of the open cases of one case manager matching the query, in the query's order, counted in all (served
	 * by the case manager's index; the order is one of a fixed set of clauses).
	 */
	CaseloadPage caseload(UserId caseManager, CaseloadQuery query, int offset, int limit);

	/**
	 * The open cases (active, not on hold) of a program, for scheduled jobs (the system actor only): no patient data
	 * beyond the ids.
	 */
	List<CaseloadRow> activeInProgram(ProgramId program);

	/**
	 * The cases of a program open at some time between two days (started on or before {@code to}, not closed before
	 * {@code from}), for reports over a period such as care-management billing: the ids only, oldest first.
	 */
	List<CaseId> inProgramDuring(ProgramId program, LocalDate from, LocalDate to);

	/** Which of these patients have an open case (active or on hold) in any program (no other patient data). */
	java.util.Set<PatientId> withOpenCase(Collection<PatientId> patients);

	/** Whether the case exists and is this patient's (no patient data beyond that). */
	boolean belongsTo(CaseId caseId, PatientId patient);

	/**
	 * Which of these cases are open (active or on hold) cases in 42 CFR Part 2 programs (no patient data): for the
	 * modules that know who works a case, deciding who cares for a patient within such a program.
	 */
	java.util.Set<CaseId> openInPart2Programs(Collection<CaseId> cases);

	/** The acuity of each of these cases (for ranking work lists; no patient data). */
	java.util.Map<CaseId, Acuity> acuities(Collection<CaseId> cases);

	/** Open-case load of every case manager, optionally in one program. */
	List<CaseManagerLoad> loads(@Nullable ProgramId program);

	/**
	 * The case manager to suggest for a new case: lowest acuity-weighted load in the program, preferring those who
	 * speak the patient's language.
	 */
	Optional<UserId> suggestCaseManager(ProgramId program, String language);
}
