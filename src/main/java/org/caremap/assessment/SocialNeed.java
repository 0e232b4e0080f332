package org.caremap.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A social need the patient screened positive for (e.g. food insecurity), open until it is met; {@code part2}: found
 * by an assessment made in a 42 CFR Part 2 program.
 */
public record SocialNeed(UUID id, PatientId patient, String code, String label, @Nullable String loinc,
		@Nullable UUID assessmentId, LocalDate identifiedOn, boolean open, @Nullable String resolution,
		@Nullable Instant resolvedAt, @Nullable String resolvedBy, boolean part2) {
}
