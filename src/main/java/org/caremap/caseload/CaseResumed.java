package org.caremap.caseload;

import org.caremap.shared.PatientId;

/** A case came off hold (its clocks restart). */
public record CaseResumed(CaseId caseId, PatientId patient) {
}
