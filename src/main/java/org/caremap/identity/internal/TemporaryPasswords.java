package org.caremap.identity.internal;

import java.security.SecureRandom;

/** Temporary passwords for new accounts: 16 characters from an alphabet without look-alikes, in groups of 4. */
public final class TemporaryPasswords {

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
	private static final SecureRandom RANDOM = new SecureRandom();

	private TemporaryPasswords() {
	}

	public static String generate() {
		StringBuilder out = new StringBuilder(19);
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) out.append('-');
			out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
		}
		return out.toString();
	}
}
