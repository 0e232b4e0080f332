package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** The patient arrived in a hospital's emergency department (an ED registration within the last 30 days). */
public record EdVisitRecorded(PatientId patient, UUID encounter, String facility, @Nullable String location,
		@Nullable Instant arrivedAt) {
}
