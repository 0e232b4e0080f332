package org.caremap.shared;

import org.jspecify.annotations.Nullable;

/**
 * What text Caremap keeps: no NUL or other control characters (tab and line breaks aside), no half of a UTF-16
 * surrogate pair, and nothing longer than {@link #LONGEST} characters in any one field (the database holds the
 * limit of each field; this is the ceiling over all of them). Forms, FHIR and HL7 check with the same rules.
 */
public final class TextRules {

	/** The longest text any field holds (a progress note section, a care plan's long text). */
	public static final int LONGEST = 20_000;

	private TextRules() {
	}

	/** What is wrong with the text, in words ("contains a NUL character (U+0000)"), or null when it may be kept. */
	public static @Nullable String problem(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) return "contains a NUL character (U+0000)";
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
			}
			if (c == 0x7F) return "contains a control character (U+007F)";
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return "contains half of a character (a lone UTF-16 surrogate)";
			}
			if (Character.isLowSurrogate(c)) return "contains half of a character (a lone UTF-16 surrogate)";
		}
		return null;
	}
}
