package org.caremap.transition;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** The hospital cancelled an admission or ED registration it had sent (A11): the visit did not happen. */
public record AdmissionCancelled(PatientId patient, UUID encounter) {
}
