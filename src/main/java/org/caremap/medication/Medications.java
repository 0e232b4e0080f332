package org.caremap.medication;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * The patient's medication list and allergies. Reads are open to whoever may read the patient's record and are
 * audited; items are recorded by whoever may write it (an EHR import, a case manager), and an item the patient
 * already has is found rather than added twice.
 */
public interface Medications {

	/** Every medication of the patient, active ones first, then the most recent start first. */
	List<MedicationView> medications(PatientId patient);

	/** Every allergy and intolerance of the patient, active ones first, then by substance. */
	List<AllergyView> allergies(PatientId patient);

	Optional<MedicationView> medication(UUID id);

	Optional<AllergyView> allergy(UUID id);

	/** Adds the medication, or finds the one with the same code (in the same code system) and start date. */
	Recorded record(NewMedication medication);

	/** Adds the allergy, or finds the one the patient already has for the same coded substance. */
	Recorded record(NewAllergy allergy);
}
