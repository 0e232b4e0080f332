package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient was admitted to a hospital or arrived in its emergency department ({@code ed}), as a feed reported it:
 * the encounter, where, and when.
 */
public record PatientAdmitted(PatientId patient, UUID encounter, boolean ed, String facility, @Nullable String location,
		@Nullable Instant admittedAt) {
}
