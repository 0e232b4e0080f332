package org.caremap.utilization;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** The stay's review ended: the patient was discharged ({@code CLOSED}) or the hospital cancelled the admission. */
public record StayReviewClosed(PatientId patient, UUID review, StayReviewStatus status) {
}
