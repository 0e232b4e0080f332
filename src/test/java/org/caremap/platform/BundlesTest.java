package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Caremap speaks English and Spanish: both bundles hold exactly the same keys, each Spanish text keeps the
 * placeholders of the English one, and no longer text was left in English by mistake.
 */
class BundlesTest {

	/** Texts that are the same in both languages on purpose: names, codes, the copy in English named in English. */
	private static final Set<String> SAME_ON_PURPOSE = Set.of(
			"program.confidentiality.PART2", // 42 CFR Part 2: the regulation's name
			"medication.print.en", "medication.pdf.en", // the English copy, named in English
			"medication.print.es", "medication.pdf.es"); // the Spanish copy, named in Spanish

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");
	private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");

	@Test
	void bothLanguagesHoldTheSameKeys() throws IOException {
		Properties english = load("messages.properties");
		Properties spanish = load("messages_es.properties");
		Set<String> missingInSpanish = new TreeSet<>(english.stringPropertyNames());
		missingInSpanish.removeAll(spanish.stringPropertyNames());
		Set<String> missingInEnglish = new TreeSet<>(spanish.stringPropertyNames());
		missingInEnglish.removeAll(english.stringPropertyNames());
		assertThat(missingInSpanish).as("keys of messages.properties missing in messages_es.properties").isEmpty();
		assertThat(missingInEnglish).as("keys of messages_es.properties missing in messages.properties").isEmpty();
		assertThat(english.size()).isGreaterThan(3000);
	}

	@Test
	void placeholdersMatchKeyByKey() throws IOException {
		Properties english = load("messages.properties");
		Properties spanish = load("messages_es.properties");
		List<String> differ = new ArrayList<>();
		for (String key : english.stringPropertyNames()) {
			String es = spanish.getProperty(key);
			if (es == null) continue; // reported by bothLanguagesHoldTheSameKeys
			if (!placeholders(english.getProperty(key)).equals(placeholders(es))) {
				differ.add(key + ": " + english.getProperty(key) + " | " + es);
			}
		}
		assertThat(differ).as("placeholders differ between English and Spanish").isEmpty();
	}

	@Test
	void noLongerTextIsLeftInEnglish() throws IOException {
		Properties english = load("messages.properties");
		Properties spanish = load("messages_es.properties");
		List<String> untranslated = new ArrayList<>();
		for (String key : english.stringPropertyNames()) {
			String en = english.getProperty(key);
			if (en.equals(spanish.getProperty(key)) && words(en) >= 3 && !SAME_ON_PURPOSE.contains(key)) {
				untranslated.add(key + "=" + en);
			}
		}
		assertThat(untranslated).as("Spanish texts equal to the English ones").isEmpty();
	}

	@Test
	void aSpanishTextWithArgumentsEscapesItsApostrophes() throws IOException {
		// MessageFormat eats a lone ' in a text with arguments; '' writes one
		Properties spanish = load("messages_es.properties");
		List<String> broken = new ArrayList<>();
		for (String key : spanish.stringPropertyNames()) {
			String es = spanish.getProperty(key);
			if (PLACEHOLDER.matcher(es).find() && es.replace("''", "").contains("'")) broken.add(key + "=" + es);
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void theChecksFindWhatTheyLookFor() {
		assertThat(placeholders("Case {0} of {1}, {0,choice,1#one|1<{0} many}")).containsExactly("0", "1");
		assertThat(placeholders("Caso {1}")).isNotEqualTo(placeholders("Case {0}"));
		assertThat(words("Save the change")).isEqualTo(3);
		assertThat(words("{0}: {1} ({2})")).isZero();
	}

	private static Set<String> placeholders(String text) {
		Set<String> found = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(text);
		while (m.find()) found.add(m.group(1));
		return found;
	}

	private static int words(String text) {
		int n = 0;
		Matcher m = WORD.matcher(text);
		while (m.find()) n++;
		return n;
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = BundlesTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}
