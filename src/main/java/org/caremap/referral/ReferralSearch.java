package org.caremap.referral;

import java.time.Instant;
import java.util.Set;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Which referrals a system asks for (the FHIR API): one referral, a patient's referrals, referrals in some
 * statuses, referrals changed within a time range. Empty criteria match every referral.
 */
public record ReferralSearch(@Nullable ReferralId id, @Nullable PatientId patient, Set<ReferralStatus> statuses,
		@Nullable Instant changedFrom, @Nullable Instant changedTo) {

	public ReferralSearch {
		statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
	}

	/** Every referral. */
	public static ReferralSearch all() {
		return new ReferralSearch(null, null, Set.of(), null, null);
	}

	/** One referral. */
	public static ReferralSearch of(ReferralId id) {
		return new ReferralSearch(id, null, Set.of(), null, null);
	}

	public ReferralSearch withPatient(@Nullable PatientId value) {
		return new ReferralSearch(id, value, statuses, changedFrom, changedTo);
	}

	public ReferralSearch withStatuses(Set<ReferralStatus> value) {
		return new ReferralSearch(id, patient, value, changedFrom, changedTo);
	}

	public ReferralSearch changedBetween(@Nullable Instant from, @Nullable Instant to) {
		return new ReferralSearch(id, patient, statuses, from, to);
	}
}
