package org.caremap.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentDefinitions;
import org.caremap.assessment.Item;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped instrument, the ones a patient may answer in the portal and the clinicians' scales alike, has each item
 * text, help text and answer in Spanish ({@code instruments/i18n/<key>_es.properties}), no Spanish text left equal to
 * the English one (but for words the two languages share, such as "No"), an answer code with different English words
 * in two items different Spanish words too, and no key in the file that names no item or answer.
 */
@DisplayName("Instruments in both languages")
class InstrumentTranslationsTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	/** Words the same in both languages. */
	private static final Set<String> SAME_IN_BOTH = Set.of("No");

	static Stream<String> instruments() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "instruments"))) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
				.map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("instruments")
	void everyTextIsInSpanish(String key) {
		Instrument english = InstrumentDefinitions.shipped(key);
		PropertiesInstrumentTexts texts = new PropertiesInstrumentTexts();
		assertThat(texts.translated(key, SPANISH)).as("instruments/i18n/%s_es.properties", key).isTrue();
		Instrument spanish = texts.in(english, SPANISH);
		List<String> missing = new ArrayList<>();
		assertThat(spanish.title()).isNotEqualTo(english.title());
		compare(english.items(), spanish.items(), missing);
		assertThat(missing).as("texts of %s left in English", key).isEmpty();
		Map<String, Map<String, Set<String>>> byCode = new HashMap<>();
		answers(english.items(), spanish.items(), byCode);
		byCode.forEach((code, words) -> words.forEach((en, es) -> words.forEach((otherEn, otherEs) -> {
			if (!en.equals(otherEn)) {
				assertThat(es).as("option.%s of %s: \"%s\" and \"%s\" need their own Spanish (option.<linkId>.%s)", code,
						key, en, otherEn, code).doesNotContainAnyElementsOf(otherEs);
			}
		})));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("instruments")
	void everyKeyOfItsFileNamesATextOfTheInstrument(String key) throws IOException {
		Instrument english = InstrumentDefinitions.shipped(key);
		Set<String> known = new HashSet<>(Set.of("title"));
		keys(english.items(), known);
		java.util.Properties file = new java.util.Properties();
		try (var in = new java.io.InputStreamReader(
				Files.newInputStream(Path.of("src", "main", "resources", "instruments", "i18n", key + "_es.properties")),
				java.nio.charset.StandardCharsets.UTF_8)) {
			file.load(in);
		}
		assertThat(file.stringPropertyNames()).as("keys of %s_es.properties that name nothing", key).isSubsetOf(known);
	}

	private static void keys(List<Item> items, Set<String> known) {
		for (Item item : items) {
			known.add("item." + item.linkId());
			known.add("help." + item.linkId());
			for (Item.Option o : item.options()) {
				known.add("option." + o.code());
				known.add("option." + item.linkId() + "." + o.code());
			}
			keys(item.children(), known);
		}
	}

	/** For each answer code, each English text it has and the Spanish texts it was given. */
	private static void answers(List<Item> english, List<Item> spanish, Map<String, Map<String, Set<String>>> byCode) {
		for (int i = 0; i < english.size(); i++) {
			for (int o = 0; o < english.get(i).options().size(); o++) {
				Item.Option en = english.get(i).options().get(o);
				byCode.computeIfAbsent(en.code(), c -> new HashMap<>())
					.computeIfAbsent(en.display(), d -> new HashSet<>())
					.add(spanish.get(i).options().get(o).display());
			}
			answers(english.get(i).children(), spanish.get(i).children(), byCode);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("instruments")
	void theTasksOfItsRulesAreTitledInBothBundles(String key) throws IOException {
		java.util.Properties english = bundle("messages.properties");
		java.util.Properties spanish = bundle("messages_es.properties");
		for (org.caremap.assessment.Scoring.Rule rule : InstrumentDefinitions.shipped(key).scoring().rules()) {
			if (rule.task() == null) continue;
			String titleKey = org.caremap.assessment.AssessmentCompleted.FollowUp.titleKey(key, rule.id());
			assertThat(english.getProperty(titleKey)).as(titleKey).isEqualTo(rule.task().title());
			assertThat(spanish.getProperty(titleKey)).as(titleKey + " in Spanish").isNotBlank().isNotEqualTo(rule.task().title());
		}
	}

	private static java.util.Properties bundle(String name) throws IOException {
		java.util.Properties p = new java.util.Properties();
		try (var in = new java.io.InputStreamReader(Files.newInputStream(Path.of("src", "main", "resources", name)),
				java.nio.charset.StandardCharsets.UTF_8)) {
			p.load(in);
		}
		return p;
	}

	private static void compare(List<Item> english, List<Item> spanish, List<String> missing) {
		for (int i = 0; i < english.size(); i++) {
			Item en = english.get(i);
			Item es = spanish.get(i);
			if (!en.text().isBlank() && same(en.text(), es.text())) missing.add("item." + en.linkId());
			if (en.help() != null && same(en.help(), es.help())) missing.add("help." + en.linkId());
			for (int o = 0; o < en.options().size(); o++) {
				if (same(en.options().get(o).display(), es.options().get(o).display())) {
					missing.add("option." + en.options().get(o).code());
				}
			}
			compare(en.children(), es.children(), missing);
		}
	}

	private static boolean same(String english, String spanish) {
		return english.equals(spanish) && !SAME_IN_BOTH.contains(english);
	}
}
