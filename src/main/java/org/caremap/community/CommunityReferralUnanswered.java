package org.caremap.community;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/** The organisation did not answer in the business days it had: the task module makes the sender a follow-up task. */
public record CommunityReferralUnanswered(UUID referral, PatientId patient, UserId sender, String organizationName,
		String serviceName, Instant dueAt) {
}
