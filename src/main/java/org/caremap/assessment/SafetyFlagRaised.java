package org.caremap.assessment;

import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A completed assessment raised an urgent safety flag (e.g. PHQ-9 item 9 above 0): the case manager must hear of it
 * at once. The follow-up work comes with {@link AssessmentCompleted}.
 */
public record SafetyFlagRaised(PatientId patient, @Nullable CaseId caseId, UUID assessment, String instrument, String flag) {
}
