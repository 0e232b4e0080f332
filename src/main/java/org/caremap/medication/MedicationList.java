package org.caremap.medication;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * The medication list the care team keeps for a patient: add, change, stop (and restart). Every change is kept as a
 * history row that is never changed, and audited; reads need the record's READ purpose, changes its WRITE purpose.
 */
public interface MedicationList {

	/** Active entries first, then by name. */
	List<ListedMedication> of(PatientId patient);

	/** Every change of the patient's list, the latest first. */
	List<ListChange> history(PatientId patient);

	UUID add(PatientId patient, MedicationEntry entry, String reason);

	void change(PatientId patient, UUID item, MedicationEntry entry, String reason);

	void stop(PatientId patient, UUID item, String reason);

	/** Refused (AccessDeniedException) unless the current user may change this patient's record. */
	void requireWrite(PatientId patient);
}
