package org.caremap.task;

import org.jspecify.annotations.Nullable;

/**
 * A clock as an administrator sets it: what starts and stops it, how long it runs and in what unit, what pauses it
 * and whether the time left is kept on resume (else the whole time starts again), when to warn (units before the
 * breach) and who is told. Checked here, so an invalid clock never reaches the database.
 */
public record ClockSettings(String name, ClockStart start, ClockStop stop, ClockUnit unit, int target,
		@Nullable Integer warnBefore, boolean pauseOnHold, boolean pauseInHospital, boolean keepTimeLeft,
		ClockAudience tell) {

	public static final int MAX_TARGET = 8760;

	public ClockSettings {
		name = name == null ? "" : name.strip();
		if (name.isEmpty() || name.length() > 120) throw new IllegalArgumentException("a clock's name has 1 to 120 characters");
		if (target < 1 || target > MAX_TARGET) throw new IllegalArgumentException("target out of range: " + target);
		if (warnBefore != null && (warnBefore < 0 || warnBefore >= target)) {
			throw new IllegalArgumentException("the warning must come before the breach: " + warnBefore);
		}
	}
}
