package org.caremap.transition.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets a repeated event through once per interval for each key (an address and what happened), counting the ones
 * kept quiet in between: a sender knocking a thousand times makes a line in the log, not a thousand.
 */
final class Throttle {

	private static final int KEYS = 10_000;

	private final long intervalNanos;
	private final Map<String, long[]> seen = new HashMap<>();

	Throttle(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/** -1 to stay quiet; otherwise how many of the same were kept quiet since the last one let through. */
	synchronized long pass(String key, long now) {
		if (seen.size() > KEYS) seen.clear();
		long[] last = seen.get(key);
		if (last == null || now - last[0] >= intervalNanos) {
			seen.put(key, new long[] { now, 0 });
			return last == null ? 0 : last[1];
		}
		last[1]++;
		return -1;
	}
}
