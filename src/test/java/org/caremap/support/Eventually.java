package org.caremap.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.Callable;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waiting for something to happen, in place of a fixed sleep: polls a condition until it holds or a (generous)
 * deadline passes, and then fails with what was awaited and what was seen last. A fast machine does not wait longer
 * than it takes; a slow one waits longer instead of failing.
 */
public final class Eventually {

	/** Long enough for anything a test waits for on a slow, busy machine; a correct run never gets near it. */
	public static final Duration GENEROUS = Duration.ofMinutes(2);

	private static final long FIRST_PAUSE_MILLIS = 20;
	private static final long LONGEST_PAUSE_MILLIS = 500;

	/** Something to look at that may throw (an HTTP request, a query). */
	@FunctionalInterface
	public interface Probe<T> {
		T get() throws Exception;
	}

	private Eventually() {
	}

	/** Waits until the condition holds; fails naming {@code what} when it does not within the deadline. */
	public static void until(Duration deadline, String what, BooleanSupplier condition) {
		value(deadline, what, condition::getAsBoolean, Boolean::booleanValue);
	}

	/** {@link #until(Duration, String, BooleanSupplier)} with the {@link #GENEROUS} deadline. */
	public static void until(String what, BooleanSupplier condition) {
		until(GENEROUS, what, condition);
	}

	/**
	 * Looks again and again until what the probe returns is accepted, and returns that. An exception of the probe
	 * ends the wait at once (it is a failure, not a "not yet"); on the deadline the failure message holds the value
	 * seen last.
	 */
	public static <T> T value(Duration deadline, String what, Probe<T> probe, Predicate<? super T> accepted) {
		Instant start = Instant.now();
		Instant giveUp = start.plus(deadline);
		long pause = FIRST_PAUSE_MILLIS;
		int looks = 0;
		while (true) {
			T seen = look(probe, what);
			looks++;
			if (accepted.test(seen)) return seen;
			if (Instant.now().isAfter(giveUp)) {
				throw new AssertionError("Waited " + Duration.between(start, Instant.now()).toMillis() + " ms (deadline "
						+ deadline + ", " + looks + " looks) for: " + what + "; last seen: " + seen);
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for: " + what, ex);
			}
			pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
		}
	}

	/** {@link #value(Duration, String, Probe, Predicate)} with the {@link #GENEROUS} deadline. */
	public static <T> T value(String what, Probe<T> probe, Predicate<? super T> accepted) {
		return value(GENEROUS, what, probe, accepted);
	}

	private static <T> T look(Probe<T> probe, String what) {
		try {
			return probe.get();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Looking for " + what + " failed", ex);
		}
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
