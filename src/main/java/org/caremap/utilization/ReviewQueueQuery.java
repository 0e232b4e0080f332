package org.caremap.utilization;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a supervisor narrows the queue to: one payer, one reviewer (or the stays nobody reviews yet), only those whose
 * review is late. A reviewer's queue is always their own stays, whatever the query says.
 */
public record ReviewQueueQuery(@Nullable String payer, @Nullable UUID reviewer, boolean unassigned, boolean overdueOnly) {

	public static ReviewQueueQuery all() {
		return new ReviewQueueQuery(null, null, false, false);
	}
}
