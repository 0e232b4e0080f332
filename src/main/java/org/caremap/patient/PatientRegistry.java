package org.caremap.patient;

import java.util.Optional;

import org.caremap.shared.PatientId;

/** Registers patients and reads them, each read authorized by relationship and audited. */
public interface PatientRegistry {

	PatientId register(NewPatient patient);

	/** The patient, if the current user may see them (refusals are audited and thrown). */
	Optional<PatientSummary> find(PatientId id);

	long count();
}
