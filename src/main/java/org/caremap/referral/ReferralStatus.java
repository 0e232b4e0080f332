package org.caremap.referral;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a referral stands. Received referrals wait in the queue; someone claims one to screen it; screening ends
 * in acceptance (the patient is enrolled), a decline with a reason, or a withdrawal. Declined and withdrawn
 * referrals can be re-opened with a note; an accepted one is final.
 */
public enum ReferralStatus {
	RECEIVED, SCREENING, ACCEPTED, DECLINED, WITHDRAWN;

	/** The statuses this one may move to. */
	public Set<ReferralStatus> next() {
		return switch (this) {
			case RECEIVED -> EnumSet.of(SCREENING, WITHDRAWN);
			case SCREENING -> EnumSet.of(RECEIVED, ACCEPTED, DECLINED, WITHDRAWN);
			case DECLINED, WITHDRAWN -> EnumSet.of(RECEIVED);
			case ACCEPTED -> EnumSet.noneOf(ReferralStatus.class);
		};
	}

	public boolean open() {
		return this == RECEIVED || this == SCREENING;
	}
}
