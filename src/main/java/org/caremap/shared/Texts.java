package org.caremap.shared;

import org.jspecify.annotations.Nullable;

/** Small rules for text people type. */
public final class Texts {

	private Texts() {
	}

	/** The text trimmed, or null when nothing was typed (so that blank optional fields are stored as absent). */
	public static @Nullable String orNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}
}
