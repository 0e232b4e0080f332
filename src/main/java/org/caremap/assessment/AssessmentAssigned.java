package org.caremap.assessment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** An assessment is due: which instrument, for whom, who does it ({@code owner}) and by when. */
public record AssessmentAssigned(UUID assessment, PatientId patient, @Nullable CaseId caseId, String instrumentTitle,
		UserId owner, Instant due) {
}
