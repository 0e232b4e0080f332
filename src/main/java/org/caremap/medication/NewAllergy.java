package org.caremap.medication;

import java.time.Instant;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An allergy or intolerance to record for the patient. Without a clinical status it is taken as active (unless it
 * was entered in error, which has none).
 */
public record NewAllergy(PatientId patient, String codeSystem, String code, String display,
		@Nullable String clinicalStatus, @Nullable String verificationStatus, @Nullable String type,
		@Nullable String category, @Nullable String criticality, @Nullable Instant recordedAt, @Nullable String reaction,
		String source) {
}
