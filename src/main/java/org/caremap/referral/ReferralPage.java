package org.caremap.referral;

import java.time.Instant;
import java.util.List;

/** One page of the referrals a {@link ReferralSearch} found, with how many it found in all. */
public record ReferralPage(List<Found> referrals, long total) {

	public ReferralPage {
		referrals = List.copyOf(referrals);
	}

	/** A referral and when it last changed. */
	public record Found(ReferralView view, Instant lastChanged) {
	}
}
