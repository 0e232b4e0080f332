package org.caremap.utilization;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** The reviewer recorded a review of the stay; the next one is due on {@code nextReviewOn}. */
public record StayReviewRecorded(PatientId patient, UUID review, UUID entry, boolean criteriaMet, LocalDate nextReviewOn) {
}
