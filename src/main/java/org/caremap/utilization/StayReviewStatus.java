package org.caremap.utilization;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where the concurrent review of a stay stands: open while the patient is in hospital; closed by the discharge;
 * cancelled when the hospital cancels the admission; a cancelled discharge (or admission sent again) opens it again.
 * The moves are the rows of {@code stay_review_transition}, which guards every status update in SQL.
 */
public enum StayReviewStatus {
	OPEN, CLOSED, CANCELLED;

	/** A move of the review: the statuses it starts from and where it leads. */
	public enum Action {
		CLOSE(EnumSet.of(OPEN), CLOSED),
		CANCEL(EnumSet.of(OPEN), CANCELLED),
		REOPEN(EnumSet.of(CLOSED, CANCELLED), OPEN);

		private final Set<StayReviewStatus> from;
		private final StayReviewStatus to;

		Action(Set<StayReviewStatus> from, StayReviewStatus to) {
			this.from = Set.copyOf(from);
			this.to = to;
		}

		public Set<StayReviewStatus> from() {
			return from;
		}

		public StayReviewStatus to() {
			return to;
		}

		/** The action's name in {@code stay_review_transition}. */
		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}
}
