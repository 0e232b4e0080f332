package org.caremap.caseload;

import java.time.Instant;

import org.caremap.shared.PatientId;

/**
 * A case's acuity as of {@code at}: published in the enrolment's transaction and in each change of the acuity's, so
 * that other modules may keep the acuity beside their own data (the task module's worklist); a later {@code at}
 * replaces an earlier one.
 */
public record CaseAcuitySet(CaseId caseId, PatientId patient, Acuity acuity, Instant at) {
}
