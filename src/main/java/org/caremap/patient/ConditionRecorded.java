package org.caremap.patient;

import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * A condition on the patient's problem list was recorded, or its clinical status changed ({@code active} false for
 * inactive, remission, resolved): published in the transaction that writes it, with the code and its system, and
 * whether it is a 42 CFR Part 2 record (such a diagnosis must not surface outside its program: lists built from these
 * events leave it out).
 */
public record ConditionRecorded(UUID condition, PatientId patient, String system, String code, boolean active, boolean part2) {

	public ConditionRecorded(UUID condition, PatientId patient, String system, String code, boolean active) {
		this(condition, patient, system, code, active, false);
	}
}
