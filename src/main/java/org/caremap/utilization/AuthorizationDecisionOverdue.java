package org.caremap.utilization;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** The payer's decision on a submitted request is past the time the payer's rule gives it (published once). */
public record AuthorizationDecisionOverdue(PatientId patient, UUID authorization, String payer, String service,
		Instant due, @Nullable UserId owner) {
}
