package org.caremap.community;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** The referral moved (received, accepted, in progress): the case manager who sent it is told. */
public record CommunityReferralUpdated(UUID referral, PatientId patient, UserId sender, ReferralStatus status,
		String organizationName, String actorKind, Instant at) {
}
