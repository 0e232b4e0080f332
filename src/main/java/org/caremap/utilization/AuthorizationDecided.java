package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * The payer decided a request (approved, partially approved or denied), an appeal changed the decision, or the
 * request was withdrawn: whatever was waiting on the decision is settled.
 */
public record AuthorizationDecided(PatientId patient, UUID authorization, AuthorizationStatus status, String payer,
		String service, Instant at) {
}
