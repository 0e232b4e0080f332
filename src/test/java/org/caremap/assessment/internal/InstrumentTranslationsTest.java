package org.caremap.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.caremap.assessment.Instrument;
import org.caremap.assessment.InstrumentDefinitions;
import org.caremap.assessment.Item;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every instrument a patient may answer in the portal, and every other shipped one not listed below, has each item
 * text, help text and answer in Spanish ({@code instruments/i18n/<key>_es.properties}), no Spanish text left equal to
 * the English one (but for words the two languages share, such as "No").
 */
@DisplayName("Instruments in both languages")
class InstrumentTranslationsTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	/**
	 * The instruments only staff fill in with clinical words (a clinician's scale, the comprehensive assessment), not
	 * yet translated: they show in English on a Spanish page. Remove an entry when its file is written.
	 */
	private static final Set<String> STAFF_ONLY_ENGLISH = Set.of("audit-c", "cm-comprehensive", "katz-adl", "lace",
			"lawton-iadl");

	/** The instruments the portal offers to patients: they must never be missing. */
	private static final Set<String> PATIENT_FACING = Set.of("phq-2", "phq-9", "gad-7", "ahc-hrsn");

	/** Words the same in both languages. */
	private static final Set<String> SAME_IN_BOTH = Set.of("No");

	static Stream<String> instruments() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "instruments"))) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
				.map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
		}
	}

	@Test
	void thePatientFacingInstrumentsAreNotExcused() {
		assertThat(STAFF_ONLY_ENGLISH).doesNotContainAnyElementsOf(PATIENT_FACING);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("instruments")
	void everyTextIsInSpanish(String key) {
		Instrument english = InstrumentDefinitions.shipped(key);
		PropertiesInstrumentTexts texts = new PropertiesInstrumentTexts();
		if (STAFF_ONLY_ENGLISH.contains(key)) {
			assertThat(texts.translated(key, SPANISH)).as("%s is translated: take it off the list", key).isFalse();
			return;
		}
		assertThat(texts.translated(key, SPANISH)).as("instruments/i18n/%s_es.properties", key).isTrue();
		Instrument spanish = texts.in(english, SPANISH);
		List<String> missing = new ArrayList<>();
		assertThat(spanish.title()).isNotEqualTo(english.title());
		compare(english.items(), spanish.items(), missing);
		assertThat(missing).as("texts of %s left in English", key).isEmpty();
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
