package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A patient in care management left hospital: the stay, where, when, its LACE score, the transition clocks on the
 * organisation's business calendar (contact due, visit due), whether it is high complexity (a visit in 7 days), and
 * the stay it is a readmission of, if any.
 */
public record PatientDischarged(PatientId patient, UUID encounter, UUID caseId, String facility, Instant dischargedAt,
		@Nullable Integer lace, Instant contactDue, Instant visitDue, boolean highComplexity, @Nullable UUID readmissionOf) {
}
