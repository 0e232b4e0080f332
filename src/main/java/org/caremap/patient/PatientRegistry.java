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

	void addCoverage(PatientId patient, Coverage coverage);

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
}
