package org.caremap.medication;

/** Where an entry of the medication list comes from. */
public enum MedicationSource {
	PATIENT_REPORTED, EHR, DISCHARGE_LIST, PHARMACY
}
