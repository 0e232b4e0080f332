package org.caremap.medication;

import java.time.Instant;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A medication to record for the patient; {@code source} names where it comes from (an EHR, "import"), and
 * {@code sourceReference} the sending system's id for it (kept for information, never used to match).
 */
public record NewMedication(PatientId patient, String codeSystem, String code, String display, String status,
		@Nullable Instant effectiveStart, @Nullable Instant effectiveEnd, @Nullable String dosage, @Nullable String reason,
		String source, @Nullable String sourceReference) {
}
