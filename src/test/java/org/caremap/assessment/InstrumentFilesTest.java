package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every shipped instrument file ({@code src/main/resources/instruments/*.json}) parses, is named by its id, and only
 * raises care-plan triggers, social needs and follow-up instruments that exist. LOINC codes are checked for form and,
 * where LOINC defines one (codes without the LA prefix), for their mod-10 check digit; everything else must use a
 * Caremap code system named after the instrument.
 */
@DisplayName("Shipped instrument files")
class InstrumentFilesTest {

	private static final Path FOLDER = Path.of("src", "main", "resources", "instruments");
	private static final String LOINC = "http://loinc.org";
	private static final String LOCAL = "https://caremap.org/fhir/CodeSystem/";

	/** The care-plan trigger codes rules may suggest (and social needs may be named by). */
	private static final Set<String> TRIGGERS = Set.of("depression", "anxiety", "alcohol-use", "heart-failure",
			"diabetes", "copd", "medication-adherence", "food-insecurity", "housing-instability", "homelessness",
			"housing-quality", "transportation", "utilities", "interpersonal-safety", "caregiver-strain", "fall-risk",
			"adl-dependence");

	static List<Path> files() throws IOException {
		try (Stream<Path> files = Files.list(FOLDER)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
		}
	}

	private static String id(Path file) {
		String name = file.getFileName().toString();
		return name.substring(0, name.length() - ".json".length());
	}

	private static Instrument parse(Path file) throws IOException {
		return InstrumentDefinitions.parse(Files.readString(file), 1);
	}

	@Test
	@DisplayName("The folder holds the instruments of domain-reference section 3, LACE and the comprehensive assessment")
	void shippedSet() throws IOException {
		assertThat(files()).extracting(InstrumentFilesTest::id).contains("phq-9", "phq-2", "gad-7", "audit-c",
				"ahc-hrsn", "katz-adl", "lawton-iadl", "lace", "cm-comprehensive");
	}

	@Test
	@DisplayName("The class path holds the same files as the source folder (JdbcInstruments seeds from classpath instruments/*.json)")
	void classPathMatchesSourceFolder() throws IOException, URISyntaxException {
		Path onClassPath = Path.of(InstrumentDefinitions.class.getClassLoader().getResource("instruments").toURI());
		List<String> names;
		try (Stream<Path> files = Files.list(onClassPath)) {
			names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
		}
		assertThat(names).isEqualTo(files().stream().map(p -> p.getFileName().toString()).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("Parses, its id is its file name, and the shipped copy is the same text (InstrumentDefinitions file format)")
	void parsesAndIsNamedByItsId(Path file) throws IOException {
		Instrument instrument = parse(file);
		assertThat(instrument.key()).isEqualTo(id(file));
		assertThat(instrument.version()).isNotBlank();
		assertThat(instrument.title()).isNotBlank();
		assertThat(instrument.description()).isNotBlank();
		assertThat(InstrumentDefinitions.shipped(id(file)).json()).isEqualTo(Files.readString(file));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("Rules suggest only known care-plan triggers and name needs by them (Caremap care-plan trigger codes)")
	void suggestionsAreKnownTriggers(Path file) throws IOException {
		for (Scoring.Rule rule : parse(file).scoring().rules()) {
			assertThat(rule.suggest()).as("rule %s", rule.id()).isSubsetOf(TRIGGERS);
			if (rule.need() != null) assertThat(TRIGGERS).as("need of rule %s", rule.id()).contains(rule.need().code());
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("Rules assign only instruments that are shipped (InstrumentDefinitions file format)")
	void assignedInstrumentsExist(Path file) throws IOException {
		for (Scoring.Rule rule : parse(file).scoring().rules()) {
			for (String next : rule.assign()) {
				assertThat(FOLDER.resolve(next + ".json")).as("rule %s assigns %s", rule.id(), next).exists();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("Bands of a score do not overlap (InstrumentDefinitions: the first matching band wins)")
	void bandsDoNotOverlap(Path file) throws IOException {
		for (Scoring.ScoreDefinition score : parse(file).scoring().scores()) {
			List<Scoring.Band> bands = score.bands();
			for (int i = 0; i < bands.size(); i++) {
				for (int j = i + 1; j < bands.size(); j++) {
					Scoring.Band a = bands.get(i);
					Scoring.Band b = bands.get(j);
					boolean apart = (a.max() != null && b.min() != null && a.max().compareTo(b.min()) < 0)
							|| (b.max() != null && a.min() != null && b.max().compareTo(a.min()) < 0);
					assertThat(apart).as("score %s bands %s and %s", score.id(), a.code(), b.code()).isTrue();
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("Answer codes are LOINC answer codes (LA...) or from the instrument's own Caremap code system (no invented LOINC codes)")
	void answerCodeSystems(Path file) throws IOException {
		Instrument instrument = parse(file);
		for (Item q : instrument.questions()) {
			for (Item.Option o : q.options()) {
				if (LOINC.equals(o.system())) {
					assertThat(o.code()).as("%s %s", q.linkId(), o.code()).matches("LA\\d{1,6}-\\d");
				}
				else {
					assertThat(o.system()).as("%s %s", q.linkId(), o.code()).isEqualTo(LOCAL + instrument.key());
				}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	@DisplayName("LOINC codes (panel, items, scores, needs) are well formed, with a valid check digit (LOINC Users' Guide mod-10 check digit)")
	void loincCodesAreWellFormed(Path file) throws IOException {
		Instrument instrument = parse(file);
		List<String> codes = new ArrayList<>();
		collectLoinc(JsonMapper.builder().build().readTree(Files.readString(file)), codes);
		for (Scoring.ScoreDefinition s : instrument.scoring().scores()) {
			if (s.code() != null) codes.add(s.code());
		}
		for (Scoring.Rule r : instrument.scoring().rules()) {
			if (r.need() != null && r.need().loinc() != null) codes.add(r.need().loinc());
		}
		for (String code : codes) {
			if (code.startsWith("LA")) {
				assertThat(code).matches("LA\\d{1,6}-\\d");
			}
			else {
				assertThat(code).matches("\\d{1,6}-\\d");
				assertThat(checkDigitHolds(code)).as("check digit of %s", code).isTrue();
			}
		}
	}

	private static void collectLoinc(JsonNode node, List<String> codes) {
		if (node.isObject() && LOINC.equals(node.path("system").asString("")) && node.path("code").isString()) {
			codes.add(node.path("code").asString());
		}
		for (JsonNode child : node) collectLoinc(child, codes);
	}

	/** LOINC's mod-10 check digit (LOINC Users' Guide, appendix on calculating the check digit). */
	private static boolean checkDigitHolds(String code) {
		String digits = code.substring(0, code.indexOf('-'));
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int d = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				d *= 2;
				if (d > 9) d -= 9;
			}
			sum += d;
		}
		return (10 - sum % 10) % 10 == code.charAt(code.length() - 1) - '0';
	}
}
