package org.caremap.utilization;

import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** A supervisor gave the stay's review to another reviewer. */
public record StayReviewerChanged(PatientId patient, UUID review, UserId reviewer) {
}
