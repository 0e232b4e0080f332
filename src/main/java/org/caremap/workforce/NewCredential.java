package org.caremap.workforce;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A credential as recorded or renewed: its kind, type (RN, LCSW, CCM...), the state that issued a licence, its
 * number, and the day it expires.
 */
public record NewCredential(CredentialKind kind, String type, @Nullable String state, @Nullable String number,
		LocalDate expiresOn) {

	public NewCredential {
		type = type.strip();
		if (type.isEmpty() || type.length() > 60) throw new IllegalArgumentException("credential type: 1 to 60 characters");
		state = blankToNull(state, 40);
		number = blankToNull(number, 60);
	}

	private static @Nullable String blankToNull(@Nullable String text, int max) {
		if (text == null || text.isBlank()) return null;
		String s = text.strip();
		if (s.length() > max) throw new IllegalArgumentException("at most " + max + " characters");
		return s;
	}
}
