package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scoring of the GAD-7 ({@code instruments/gad-7.json}). Source: Spitzer RL, Kroenke K, Williams JBW, Löwe B. A
 * brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-7; scale,
 * bands 0-4/5-9/10-14/15-21 and referral at 10 per domain-reference section 3 (GAD-7). Expected values are written
 * out by hand.
 */
@DisplayName("GAD-7 (Spitzer 2006; domain-reference section 3)")
class InstrumentGad7ScoringTest {

	private static final Instrument GAD7 = InstrumentDefinitions.shipped("gad-7");

	/** LOINC answers: Not at all 0, Several days 1, More than half the days 2, Nearly every day 3. */
	private static final String NOT_AT_ALL = "LA6568-5";
	private static final String SEVERAL_DAYS = "LA6569-3";
	private static final String MORE_THAN_HALF = "LA6570-1";
	private static final String NEARLY_EVERY_DAY = "LA6571-9";

	/** The answers to items 1 to 7, in order. */
	private static Map<String, List<String>> items(String... codes) {
		assertThat(codes).hasSize(7);
		Map<String, List<String>> answers = new LinkedHashMap<>();
		for (int i = 0; i < codes.length; i++) answers.put("gad7-" + (i + 1), List.of(codes[i]));
		return answers;
	}

	private static ScoreResult score(Map<String, List<String>> answers) {
		return Scorer.score(GAD7, Answers.of(answers), Scorer.PatientFacts.of(Sex.FEMALE));
	}

	static Stream<Arguments> bandBoundaries() {
		String n = NOT_AT_ALL;
		String s = SEVERAL_DAYS;
		String h = MORE_THAN_HALF;
		String e = NEARLY_EVERY_DAY;
		return Stream.of(
				Arguments.of("0", items(n, n, n, n, n, n, n), 0, "minimal"),
				Arguments.of("4", items(e, s, n, n, n, n, n), 4, "minimal"),
				Arguments.of("5", items(e, h, n, n, n, n, n), 5, "mild"),
				Arguments.of("9", items(e, e, e, n, n, n, n), 9, "mild"),
				Arguments.of("10", items(e, e, e, s, n, n, n), 10, "moderate"),
				Arguments.of("14", items(e, e, e, e, h, n, n), 14, "moderate"),
				Arguments.of("15", items(e, e, e, e, e, n, n), 15, "severe"),
				Arguments.of("21", items(e, e, e, e, e, e, e), 21, "severe"));
	}

	@ParameterizedTest(name = "total {0}")
	@MethodSource("bandBoundaries")
	@DisplayName("Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe (Spitzer 2006; domain-reference section 3)")
	void bandBoundaries(String label, Map<String, List<String>> answers, int expectedTotal, String bandCode) {
		ScoreResult.Score total = score(answers).primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(expectedTotal);
		assertThat(total.bandCode()).isEqualTo(bandCode);
		assertThat(total.code()).isEqualTo("70274-6");
	}

	@Test
	@DisplayName("Total 9 is below the referral cut-off: not positive, no flag, no suggestion (domain-reference section 3)")
	void nineIsNotPositive() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL));
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
	}

	@Test
	@DisplayName("Total 10 is positive: HIGH flag to refer for further evaluation, anxiety suggested (domain-reference section 3)")
	void tenIsPositive() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, SEVERAL_DAYS, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL));
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("anxiety-positive", Scoring.Severity.HIGH));
		assertThat(result.flags().get(0).label()).contains("refer for further evaluation");
		assertThat(result.suggestions()).containsExactly("anxiety");
	}

	@Test
	@DisplayName("The difficulty question (LOINC 69722-7) is not part of the total (Spitzer 2006)")
	void difficultyDoesNotCount() {
		Map<String, List<String>> answers = items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL);
		answers.put("gad7-difficulty", List.of("LA6574-3"));
		ScoreResult result = score(answers);
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(9);
		assertThat(result.positive()).isFalse();
	}

	@Test
	@DisplayName("LOINC codes: panel 69737-5 and the seven item codes of domain-reference section 3")
	void codes() {
		assertThat(GAD7.code()).isEqualTo("69737-5");
		assertThat(GAD7.questions()).extracting(Item::code).containsExactly("69725-0", "68509-9", "69733-4", "69734-2",
				"69735-9", "69689-8", "69736-7", "69722-7");
	}

	@Test
	@DisplayName("Scorer.problems: item 7 missing is 'required' when completing; a PHQ difficulty code is not a frequency answer")
	void problems() {
		Map<String, List<String>> six = items(NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL);
		six.remove("gad7-7");
		assertThat(Scorer.problems(GAD7, Answers.of(six), true)).containsExactly(Map.entry("gad7-7", "required"));
		six.put("gad7-7", List.of("LA6572-7"));
		assertThat(Scorer.problems(GAD7, Answers.of(six), true)).containsExactly(Map.entry("gad7-7", "unknown-answer"));
	}
}
