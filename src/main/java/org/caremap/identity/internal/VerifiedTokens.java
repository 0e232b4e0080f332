package org.caremap.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Bearer tokens already verified (signature, issuer, audience, times), remembered until they expire, so that a
 * client calling many times with one token has its signature checked once (issue 24). A token is remembered only
 * once it has been accepted, and answered from memory only before its {@code exp} (never in the minute of clock
 * skew the check itself allows); a refused token is checked again each time. At most {@code capacity} tokens are
 * kept: when full, the expired ones go, then some of the others (checked again when they come back).
 *
 * <p>What is checked per call beyond the token itself stays per call, after this: the person a user token speaks
 * for (enabled, not locked) and a patient app's approval (see the FHIR scope check). A system client's tokens, once
 * issued, end with their short lifetime whether or not the client is revoked meanwhile (as before this cache).
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder checks;
	private final int capacity;
	private final Clock clock;
	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	VerifiedTokens(JwtDecoder checks, int capacity, Clock clock) {
		this.checks = checks;
		this.capacity = capacity;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = clock.instant();
		Jwt known = verified.get(token);
		if (known != null) {
			if (usable(known, now)) return known;
			verified.remove(token, known);
		}
		Jwt jwt = checks.decode(token);
		if (usable(jwt, now)) {
			if (verified.size() >= capacity) makeRoom(now);
			verified.put(token, jwt);
		}
		return jwt;
	}

	/** Unexpired, and not yet to come (a token with no expiry is never remembered). */
	private static boolean usable(Jwt jwt, Instant now) {
		return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
				&& (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
	}

	/** The expired tokens go; if that is not enough, a tenth of the rest (any), down to below capacity. */
	private void makeRoom(Instant now) {
		verified.values().removeIf(jwt -> !usable(jwt, now));
		Iterator<String> any = verified.keySet().iterator();
		int drop = Math.max(1, capacity / 10);
		while (verified.size() > capacity - drop && any.hasNext()) {
			any.next();
			any.remove();
		}
	}

	/** How many tokens are remembered now (for tests). */
	int size() {
		return verified.size();
	}
}
