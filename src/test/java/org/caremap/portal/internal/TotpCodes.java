package org.caremap.portal.internal;

import java.time.Instant;

/** For tests of the portal: the code an authenticator app shows now for a base32 secret. */
public final class TotpCodes {

	private TotpCodes() {
	}

	public static String now(String base32Secret) {
		return Totp.totp(Totp.decodeBase32(base32Secret), Instant.now(), "HmacSHA1", Totp.DIGITS);
	}
}
