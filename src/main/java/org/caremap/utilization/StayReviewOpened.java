package org.caremap.utilization;

import java.util.UUID;

import org.caremap.shared.PatientId;

/** An inpatient stay of a covered patient came under concurrent review (or came back under it: a discharge cancelled). */
public record StayReviewOpened(PatientId patient, UUID review, UUID encounter) {
}
