package org.caremap.assessment;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** Published when an assessment is completed and scored (in the same transaction). */
public record AssessmentCompleted(UUID assessmentId, PatientId patient, @Nullable UUID caseId, String instrumentKey,
		List<String> suggestions, boolean urgent) {
}
