package org.caremap.referral;

import java.util.UUID;

/** Identifies a referral. */
public record ReferralId(UUID value) {
	public ReferralId {
		if (value == null) throw new IllegalArgumentException("referral id is required");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
