package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An eligibility question put to a payer (is the coverage in force, does this service need prior authorization?) and
 * the payer's answer when it came: FHIR CoverageEligibilityRequest and CoverageEligibilityResponse.
 */
public record Eligibility(UUID id, PatientId patient, String payer, @Nullable String memberId, @Nullable String service,
		Instant askedAt, @Nullable Instant answeredAt, @Nullable Boolean inForce, @Nullable Boolean authRequired,
		@Nullable String answerNote, @Nullable String payerReference, Instant updatedAt) {
}
