package org.caremap.patient;

import java.util.Optional;

import org.caremap.shared.PatientId;

/** Registers patients and reads them, each read authorized by relationship and audited. */
public interface PatientRegistry {

	PatientId register(NewPatient patient);

	/** The patient, if the current user may see them (refusals are audited and thrown). */
	Optional<PatientSummary> find(PatientId id);

	long count();

	/** The whole record as the chart shows it (authorized and audited like {@link #find}). */
	java.util.Optional<PatientDetails> details(PatientId id);

	void addContact(PatientId patient, SupportContact contact);

	void update(PatientId patient, Demographics demographics);

	/** The demographics each change replaced, latest first (the patient's READ purpose; audited). */
	java.util.List<DemographicsChange> demographicsHistory(PatientId patient);

	void addIdentifier(PatientId patient, PatientIdentifier identifier);

	void linkProvider(PatientId patient, java.util.UUID provider, PatientProvider.Role role,
			java.time.@org.jspecify.annotations.Nullable LocalDate since);

	/**
	 * Registered patients who are probably this person (best first), for systems that match before they register:
	 * nothing is shown to anyone, so it is not a read of those records and is not audited as one.
	 */
	java.util.List<PatientId> probableMatches(NewPatient p);

	/**
	 * Existing patients who may be the person about to be registered, best first (shown before saving). Scores
	 * at or above the probable threshold mark a probable duplicate.
	 */
	java.util.List<DuplicateCandidate> possibleDuplicates(NewPatient patient);

	/**
	 * The patient a feed message is about (system use only: no patient data is returned beyond the id). Identifiers
	 * are tried first; several patients on one identifier, or on the demographics, is ambiguous.
	 */
	FeedMatch.Result match(FeedMatch.Query query);

	/** The patient holding this record or member number, if any (for merging duplicates). */
	java.util.Optional<PatientId> byIdentifier(String value);

	/**
	 * Merges {@code merged} into {@code survivor}: identifiers, conditions, network, coverage, relationships, and
	 * (through {@link PatientsMerged}) every other module's rows move; the merged record is voided, never deleted.
	 */
	void merge(PatientId survivor, PatientId merged, String reason);

	void addCoverage(PatientId patient, Coverage coverage);

	/**
	 * Adds a coded condition to the problem list (write access to the record), labelled 42 CFR Part 2 when the
	 * recorder says it comes from a substance-use program; returns its id.
	 */
	java.util.UUID addCondition(PatientId patient, CodedCondition condition);

	/**
	 * Finds patients by name (typo-tolerant), birth date, record or member number, or phone. Intake coordinators
	 * and supervisors search the whole registry (to screen referrals); everyone else finds only the patients they
	 * may see.
	 */
	java.util.List<PatientHeader> search(String query, int limit);

	/**
	 * The minimum to show a patient in a list (name, birth date, sex, language, a record number). Intake
	 * coordinators and supervisors see it for any patient (to screen referrals and balance caseloads); everyone
	 * else only for the patients they may see, the others are left out. Each patient shown is audited.
	 */
	java.util.Map<PatientId, PatientHeader> headers(java.util.Collection<PatientId> patients);

	/**
	 * Of these patients, those whose header the current user may see in a list, by the rule of {@link #headers}, for a
	 * list that keeps the names itself (a read model filled from {@link PatientHeaderChanged}): nothing is read from
	 * the patients' records, each patient returned is audited as {@link #headers} audits it.
	 */
	java.util.Set<PatientId> headersShown(java.util.Collection<PatientId> patients);
}
