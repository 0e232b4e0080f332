package org.caremap.utilization;

import java.util.List;

/**
 * A stay as its page shows it: the review, its history when the patient's record is open to the reader
 * ({@code recordOpen}), and what the reader may do (record a review, give the stay to another reviewer).
 */
public record StayReviewWork(StayReviewView review, List<StayReviewEntry> entries, boolean recordOpen, boolean mayRecord,
		boolean mayReassign) {

	public StayReviewWork {
		entries = List.copyOf(entries);
	}
}
