package org.caremap.community;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The referral ended: completed with its outcome, declined, or cancelled. With the outcome "service delivered" the
 * assessment module marks the social need it started from met and the care plan the intervention done; the case
 * manager is told; the directory ranks the service up for the sender ({@code senderUsername}).
 */
public record CommunityReferralClosed(UUID referral, PatientId patient, UserId sender, String senderUsername,
		ReferralStatus status, @Nullable ReferralOutcome outcome, @Nullable String reason,
		ReferralOrigin.@Nullable Kind originKind, @Nullable UUID originId, UUID service, String organizationName, Instant at) {

	public boolean delivered() {
		return status == ReferralStatus.COMPLETED && outcome == ReferralOutcome.SERVICE_DELIVERED;
	}
}
