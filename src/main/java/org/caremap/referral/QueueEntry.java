package org.caremap.referral;

import java.time.Instant;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** One row of the referral queue. */
public record QueueEntry(ReferralId id, PatientId patient, ProgramId program, ReferralSource source,
		@Nullable String sourceName, String reason, Urgency urgency, ReferralStatus status, Instant receivedAt,
		@Nullable UserId claimedBy) {
}
