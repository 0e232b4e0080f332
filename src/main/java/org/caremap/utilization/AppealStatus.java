package org.caremap.utilization;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an appeal of a denial stands: drafted (the letter is being written, the filing deadline runs), filed with the
 * payer, then decided (upheld, overturned, partially overturned) or withdrawn. The transition table is guarded in SQL.
 */
public enum AppealStatus {
	DRAFT, FILED, UPHELD, OVERTURNED, PARTIALLY_OVERTURNED, WITHDRAWN;

	public boolean open() {
		return this == DRAFT || this == FILED;
	}

	public enum Action {
		FILE(EnumSet.of(DRAFT), FILED),
		UPHOLD(EnumSet.of(FILED), UPHELD),
		OVERTURN(EnumSet.of(FILED), OVERTURNED),
		PARTIALLY_OVERTURN(EnumSet.of(FILED), PARTIALLY_OVERTURNED),
		WITHDRAW(EnumSet.of(DRAFT, FILED), WITHDRAWN);

		private final Set<AppealStatus> from;
		private final AppealStatus to;

		Action(Set<AppealStatus> from, AppealStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<AppealStatus> from() {
			return from;
		}

		public AppealStatus to() {
			return to;
		}

		public boolean allowedFrom(AppealStatus status) {
			return from.contains(status);
		}

		/** The outcomes a payer decides (not filing or withdrawing). */
		public boolean outcome() {
			return this == UPHOLD || this == OVERTURN || this == PARTIALLY_OVERTURN;
		}
	}
}
