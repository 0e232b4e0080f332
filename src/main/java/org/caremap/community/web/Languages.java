package org.caremap.community.web;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The languages a search or a service form offers: ISO 639-1 codes, shown by name in the reader's language. */
final class Languages {

	record Language(String code, String name) {
	}

	static final List<String> CODES = List.of("en", "es", "zh", "vi", "tl", "ar", "ko", "ru", "ht", "fr", "pt", "de",
			"pl", "it", "ja", "hi", "bn", "pa", "ur", "gu", "fa", "so", "am", "ti", "sw", "ne", "my", "km", "lo", "th",
			"uk", "ro", "el", "sq", "hy", "he", "tr", "yi", "ase");

	private Languages() {
	}

	static List<Language> choices(Locale reader) {
		Collator collator = Collator.getInstance(reader);
		List<Language> out = new ArrayList<>(CODES.stream().map(c -> new Language(c, name(c, reader)))
			.sorted(Comparator.comparing(Language::name, collator)).toList());
		return List.copyOf(out);
	}

	static String name(String code, Locale reader) {
		String name = Locale.forLanguageTag(code).getDisplayLanguage(reader);
		if (name.isEmpty() || name.equals(code)) return code;
		return name.substring(0, 1).toUpperCase(reader) + name.substring(1);
	}
}
