package org.caremap.access;

import org.caremap.shared.PatientId;

/** Published when someone was refused a patient's record (supervisors and privacy officers watch these). */
public record AccessDenied(String actor, PatientId patient, AccessPurpose purpose, String reason) {
}
