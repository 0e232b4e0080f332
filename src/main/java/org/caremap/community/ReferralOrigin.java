package org.caremap.community;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where a community referral started: one of the patient's social needs or care-plan interventions, its words (shown
 * on the referral and, when consented, to the organisation), the social-need code it is about, and whether it is
 * still open.
 */
public record ReferralOrigin(Kind kind, UUID id, String label, @Nullable String needCode, boolean open) {

	public enum Kind {
		NEED, INTERVENTION
	}
}
