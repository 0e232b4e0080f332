package org.caremap.caseload;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A case got a (new) case manager. */
public record CaseAssigned(CaseId caseId, PatientId patient, @Nullable UserId previous, UserId caseManager,
		String reason) {
}
