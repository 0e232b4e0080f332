package org.caremap.patient.web;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The preferred-language choices of the patient forms: languages by their name in the reader's language, each kept
 * as its ISO 639 code (what the record, FHIR and the interpreter flag use). The languages most spoken at home in the
 * United States after English, plus any code a record already holds (from an HL7 feed or a FHIR client) so that
 * editing the record does not change it.
 */
final class LanguageChoices {

	/** A choice of the language select: its code (the value sent) and its name (what is shown). */
	record Language(String code, String name) {
	}

	static final List<String> CODES = List.of("en", "es", "zh", "vi", "tl", "ar", "ko", "ru", "ht", "fr", "pt", "de",
			"pl", "it", "ja", "hi", "bn", "pa", "ur", "gu", "ta", "te", "fa", "ps", "so", "am", "ti", "sw", "yo", "ne",
			"my", "km", "lo", "hmn", "th", "uk", "ro", "el", "sq", "hy", "he", "tr", "yi", "nv", "ase");

	private LanguageChoices() {
	}

	/** English first, then the others by name in the reader's language; an unlisted current code at its place. */
	static List<Language> of(Locale reader, @Nullable String current) {
		List<String> codes = new ArrayList<>(CODES);
		if (current != null && current.matches("^[a-z]{2,3}$") && !codes.contains(current)) codes.add(current);
		Collator collator = Collator.getInstance(reader);
		List<Language> others = codes.stream().filter(c -> !c.equals("en")).map(c -> new Language(c, name(c, reader)))
			.sorted(Comparator.comparing(Language::name, collator)).toList();
		List<Language> all = new ArrayList<>();
		all.add(new Language("en", name("en", reader)));
		all.addAll(others);
		return List.copyOf(all);
	}

	static String name(String code, Locale reader) {
		String name = Locale.forLanguageTag(code).getDisplayLanguage(reader);
		if (name.isEmpty() || name.equals(code)) return code;
		return name.substring(0, 1).toUpperCase(reader) + name.substring(1);
	}
}
