package org.caremap.task;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A running or paused clock near or past its due time, for the supervisor's list. */
public record ClockAtRisk(UUID instance, PatientId patient, String program, String clock, String status, Instant startedAt,
		Instant dueAt, @Nullable Instant warnedAt, @Nullable Instant breachedAt) {

	public boolean breached() {
		return breachedAt != null || dueAt.isBefore(Instant.now());
	}
}
