package org.caremap.caseload;

import org.caremap.shared.PatientId;

/** A case was closed on this day (in the organisation's time zone). */
public record CaseClosed(CaseId caseId, PatientId patient, String reason, String outcome,
		java.time.LocalDate closedOn) {
}
