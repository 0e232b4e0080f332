package org.caremap.caseload;

import java.time.Instant;
import java.time.LocalDate;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One case manager on the supervisor's team: open cases and their acuity weight (in the supervisor's programs),
 * the capacity target (set, or the default), overdue work (open tasks they own past due), active cases without a
 * contact for longer than their program's cadence, and the longest time a case has gone without one (counted from
 * the last reached contact, or from the start of a case never reached).
 */
public record TeamMemberLoad(UserId user, String name, int cases, int weight, int target, boolean targetSet,
		@Nullable String targetNote, @Nullable String targetSetBy, @Nullable Instant targetSetAt, long overdue,
		int beyondCadence, int longestWithoutContact, @Nullable LocalDate oldestContact, boolean mayTakeNewCases,
		boolean onTeam) {

	/** Load as a whole percentage of the target. */
	public int percent() {
		return target <= 0 ? 0 : (int) Math.round(weight * 100.0 / target);
	}

	public boolean overTarget() {
		return weight > target;
	}
}
