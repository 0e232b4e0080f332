package org.caremap.shared;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Time-ordered UUIDs (version 7), so new rows land at the end of their primary-key index. */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	public static UUID newId() {
		return timeOrdered(Instant.now().toEpochMilli(), RANDOM.nextLong(), RANDOM.nextLong());
	}

	/** A version-7 UUID from the given millisecond and random bits (deterministic for seeded generators). */
	public static UUID timeOrdered(long epochMillis, long randA, long randB) {
		long msb = (epochMillis << 16) | 0x7000L | (randA & 0x0FFFL);
		long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}
}
