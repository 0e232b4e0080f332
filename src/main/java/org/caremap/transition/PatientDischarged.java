package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The patient left a hospital stay or its emergency department ({@code patientClass} I or E) within the last 30
 * days: the encounter, where, when, the LACE score at discharge with what it was computed from, and the earlier stay
 * this one is a readmission of (admitted within 30 days of that discharge), if any. What work the discharge creates is
 * decided by the listeners.
 */
public record PatientDischarged(PatientId patient, UUID encounter, String patientClass, String facility,
		Instant dischargedAt, @Nullable Lace lace, @Nullable UUID readmissionOf) {

	/** The LACE index and its inputs: length of stay in days, an acute admission, ED visits in the 6 months before. */
	public record Lace(int total, long lengthOfStayDays, boolean acute, long edVisits) {
	}

	/** LACE of 10 or more is a high risk of readmission or death within 30 days. */
	public boolean highLace() {
		return lace != null && lace.total() >= 10;
	}
}
