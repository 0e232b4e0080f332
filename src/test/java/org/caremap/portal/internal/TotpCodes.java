package org.caremap.portal.internal;

import java.time.Instant;

import org.caremap.shared.Totp;

/** For tests of the portal: the code an authenticator app shows now for a base32 secret. */
public final class TotpCodes {

	private TotpCodes() {
	}

	/** The code the app shows in the next 30-second step (taken, like this step's, as the clocks may drift by one). */
	public static String next(String base32Secret) {
		return Totp.totp(Totp.decodeBase32(base32Secret), Instant.now().plusSeconds(Totp.STEP_SECONDS), "HmacSHA1", Totp.DIGITS);
	}

	public static String now(String base32Secret) {
		return Totp.totp(Totp.decodeBase32(base32Secret), Instant.now(), "HmacSHA1", Totp.DIGITS);
	}
}
