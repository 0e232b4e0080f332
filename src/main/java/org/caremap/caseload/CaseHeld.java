package org.caremap.caseload;

import java.time.LocalDate;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A case went on hold (its clocks pause). */
public record CaseHeld(CaseId caseId, PatientId patient, String reason, @Nullable LocalDate until) {
}
