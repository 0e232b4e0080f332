package org.caremap.utilization;

import java.util.List;

/** One page of the queue (the next review soonest first), with how many stays match and how many are late. */
public record ReviewQueuePage(List<StayReviewView> rows, long total, long overdue, boolean everyone) {

	public ReviewQueuePage {
		rows = List.copyOf(rows);
	}
}
