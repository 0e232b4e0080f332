package org.caremap.patient;

import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * A condition on the patient's problem list was recorded, or its clinical status changed ({@code active} false for
 * inactive, remission, resolved): published in the transaction that writes it, with the code and its system.
 */
public record ConditionRecorded(UUID condition, PatientId patient, String system, String code, boolean active) {
}
