package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A hospital admitted the patient as an inpatient (A01, or a transfer into an inpatient class), as its feed reported
 * it within the last 30 days: the encounter, where, and when. Published for every patient the feed names; whether
 * anybody cares for the patient is the listeners' business.
 */
public record PatientAdmitted(PatientId patient, UUID encounter, String facility, @Nullable String location,
		@Nullable Instant admittedAt) {
}
