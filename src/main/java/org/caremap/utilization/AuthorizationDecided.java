package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * The payer decided a request (approved, partially approved or denied), an appeal changed the decision, or the
 * request was withdrawn: whatever was waiting on the decision is settled. {@code submittedAt}: when the request
 * was sent to the payer (null when it never was, or in an event stored before it had one), for turnaround.
 */
public record AuthorizationDecided(PatientId patient, UUID authorization, AuthorizationStatus status, String payer,
		String service, Instant at, java.time.@org.jspecify.annotations.Nullable Instant submittedAt) {
}
