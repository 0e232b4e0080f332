package org.caremap.community;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A referral was sent (or its link made again): the notification module e-mails the organisation's referral address
 * the link (which names no patient). The link holds the only copy of its token outside the organisation's mailbox;
 * Caremap keeps its hash. {@code service} names the directory service referred to (for those who book its fee);
 * {@code sentAt}: when it was sent. Both are null in an event stored before it had them.
 */
public record CommunityReferralSent(UUID referral, PatientId patient, UUID organization, String organizationName,
		String serviceName, @Nullable String referralEmail, String link, Instant linkExpiresAt, boolean resent,
		@Nullable UUID service, @Nullable Instant sentAt) {

	public CommunityReferralSent(UUID referral, PatientId patient, UUID organization, String organizationName, String serviceName,
			@Nullable String referralEmail, String link, Instant linkExpiresAt, boolean resent) {
		this(referral, patient, organization, organizationName, serviceName, referralEmail, link, linkExpiresAt, resent, null, null);
	}
}
