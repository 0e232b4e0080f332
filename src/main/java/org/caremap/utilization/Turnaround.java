package org.caremap.utilization;

import org.jspecify.annotations.Nullable;

/**
 * Turnaround of one payer over a period: requests submitted and decided, hours from submission to decision (median
 * and 90th percentile), decisions on time, and how the decisions went (approved, partially approved, denied, and
 * denials overturned on appeal).
 */
public record Turnaround(String payer, int submitted, int decided, @Nullable Double medianHours, @Nullable Double p90Hours,
		int onTime, int approved, int partiallyApproved, int denied, int overturned) {

	public int percent(int part) {
		return decided == 0 ? 0 : Math.round(part * 100f / decided);
	}

	/** Overturned as a share of the denials and partial approvals. */
	public int overturnedPercent() {
		int appealable = denied + partiallyApproved + overturned;
		return appealable == 0 ? 0 : Math.round(overturned * 100f / appealable);
	}
}
