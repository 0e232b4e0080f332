package org.caremap.community;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an organisation reaches with the link of one referral, without a Caremap account: that referral alone, only
 * what the patient consented to share, and its four answers. Every view and answer is audited with the organisation as
 * the actor; an unknown, replaced or expired link reaches nothing (a {@code DomainException}).
 */
public interface OrganizationLinks {

	/** The referral behind the link (the first view marks it received). */
	Page open(String token);

	/** The organisation's answer: accept, decline (with its reason), in progress, or close (with the outcome). */
	void answer(String token, ReferralStatus.@Nullable Action action, @Nullable String reason, @Nullable ReferralOutcome outcome,
			@Nullable String note);

	/** The referral as the organisation sees it. */
	record Page(UUID referral, String organizationName, String serviceName, String request, String senderName,
			CommunityReferralView.Shared shared, @Nullable String needLabel, boolean phone, boolean text, boolean email,
			@Nullable String contactTimes, @Nullable String contactLanguage, ReferralStatus status,
			@Nullable ReferralOutcome outcome, @Nullable String statusReason, Instant sentAt, Instant expiresAt,
			Set<ReferralStatus.Action> actions, List<Answer> answers, boolean part2, @Nullable LocalDate part2ExpiresOn) {
	}

	/** An earlier change as the organisation sees it (status and when; no staff names). */
	record Answer(ReferralStatus to, @Nullable ReferralOutcome outcome, @Nullable String reason, Instant at) {
	}
}
