package org.caremap.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for something observable to become true, looking again every 50 ms until a deadline: the way a test waits
 * for the other side (a watchdog, a thread that has not run yet), never a fixed sleep.
 */
public final class Eventually {

	private Eventually() {
	}

	/** Fails with {@code what} when the condition is not true within {@code within}; an exception counts as "not yet". */
	public static void until(String what, Duration within, Callable<Boolean> condition) {
		long deadline = System.nanoTime() + within.toNanos();
		Exception last = null;
		while (true) {
			try {
				if (Boolean.TRUE.equals(condition.call())) return;
			}
			catch (Exception ex) {
				last = ex;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("not within " + within.toSeconds() + " s: " + what
						+ (last == null ? "" : " (last attempt: " + last + ")"), last);
			}
			LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
	}
}
