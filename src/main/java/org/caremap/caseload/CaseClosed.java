package org.caremap.caseload;

import org.caremap.shared.PatientId;

/** A case was closed. */
public record CaseClosed(CaseId caseId, PatientId patient, String reason, String outcome) {
}
