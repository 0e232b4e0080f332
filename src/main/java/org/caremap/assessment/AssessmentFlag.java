package org.caremap.assessment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Something a completed assessment raised, open until someone records how it was addressed; {@code part2}: raised by
 * an assessment made in a 42 CFR Part 2 program.
 */
public record AssessmentFlag(UUID id, UUID assessmentId, PatientId patient, String code, Scoring.Severity severity,
		String label, String instrumentTitle, Instant raisedAt, @Nullable Instant addressedAt, @Nullable String addressedBy,
		@Nullable String addressedNote, boolean part2) {

	public boolean open() {
		return addressedAt == null;
	}
}
