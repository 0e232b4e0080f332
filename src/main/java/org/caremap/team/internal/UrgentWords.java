package org.caremap.team.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The safety net of the portal's messages: whether a text speaks of self-harm, from the word lists in
 * {@code team/urgent-words-en.txt} and {@code team/urgent-words-es.txt} (both are always checked: a patient may
 * write in either language). Words are matched whole, whatever the case and accents; "suicid*" matches any ending.
 */
final class UrgentWords {

	private static final List<String> FILES = List.of("/team/urgent-words-en.txt", "/team/urgent-words-es.txt");
	private static final List<String> PHRASES = load();

	private UrgentWords() {
	}

	static boolean in(String text) {
		String padded = " " + normal(text) + " ";
		for (String phrase : PHRASES) {
			if (phrase.endsWith("*")) {
				if (padded.contains(" " + phrase.substring(0, phrase.length() - 1))) return true;
			}
			else if (padded.contains(" " + phrase + " ")) return true;
		}
		return false;
	}

	/** Lower case, accents off, anything but letters and digits a single space. */
	static String normal(String text) {
		String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
		return plain.replaceAll("[^\\p{L}\\p{N}*]+", " ").strip();
	}

	private static List<String> load() {
		List<String> out = new ArrayList<>();
		for (String file : FILES) {
			try (InputStream in = UrgentWords.class.getResourceAsStream(file)) {
				if (in == null) throw new IllegalStateException("missing word list " + file);
				for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
					String l = line.strip();
					if (l.isEmpty() || l.startsWith("#")) continue;
					out.add(normal(l));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return List.copyOf(out);
	}
}
