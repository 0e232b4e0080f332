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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring of the Katz Index of Independence in ADL ({@code instruments/katz-adl.json}). Source: Katz S, Ford AB,
 * Moskowitz RW, Jackson BA, Jaffe MW. Studies of illness in the aged. The index of ADL. JAMA 1963;185:914-9, scored
 * as in the Hartford Institute "Try This" issue 2; six activities 1 independent / 0 dependent, 6 full function,
 * 4 moderate impairment, 2 or less severe, per domain-reference section 3 (Katz ADL). Caremap bands 3-5 as moderate
 * because the reference names only 6, 4 and 2 or less. Expected values are written out by hand.
 */
@DisplayName("Katz ADL (Katz 1963; domain-reference section 3)")
class InstrumentKatzAdlScoringTest {

	private static final Instrument KATZ = InstrumentDefinitions.shipped("katz-adl");

	/** Independent scores 1, dependent 0. */
	private static final String I = "independent";
	private static final String D = "dependent";

	/** Answers for bathing, dressing, toileting, transferring, continence and feeding, in that order. */
	private static Map<String, List<String>> activities(String bathing, String dressing, String toileting,
			String transferring, String continence, String feeding) {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("katz-bathing", List.of(bathing));
		answers.put("katz-dressing", List.of(dressing));
		answers.put("katz-toileting", List.of(toileting));
		answers.put("katz-transferring", List.of(transferring));
		answers.put("katz-continence", List.of(continence));
		answers.put("katz-feeding", List.of(feeding));
		return answers;
	}

	private static ScoreResult score(Map<String, List<String>> answers) {
		return Scorer.score(KATZ, Answers.of(answers), Scorer.PatientFacts.of(Sex.UNKNOWN));
	}

	static Stream<Arguments> bandBoundaries() {
		return Stream.of(
				Arguments.of(activities(I, I, I, I, I, I), 6, "full-function", "Full function"),
				Arguments.of(activities(D, I, I, I, I, I), 5, "moderate-impairment", "Moderate impairment"),
				Arguments.of(activities(D, D, I, I, I, I), 4, "moderate-impairment", "Moderate impairment"),
				Arguments.of(activities(D, D, D, I, I, I), 3, "moderate-impairment", "Moderate impairment"),
				Arguments.of(activities(D, D, D, D, I, I), 2, "severe-impairment", "Severe functional impairment"),
				Arguments.of(activities(D, D, D, D, D, D), 0, "severe-impairment", "Severe functional impairment"));
	}

	@ParameterizedTest(name = "total {1}: {2}")
	@MethodSource("bandBoundaries")
	@DisplayName("Bands 6 full function, 3-5 moderate (reference: 4), 0-2 severe (Hartford Try This 2; domain-reference section 3)")
	void bandBoundaries(Map<String, List<String>> answers, int expectedTotal, String bandCode, String bandLabel) {
		ScoreResult.Score total = score(answers).primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(expectedTotal);
		assertThat(total.bandCode()).isEqualTo(bandCode);
		assertThat(total.bandLabel()).isEqualTo(bandLabel);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "katz-bathing", "katz-dressing", "katz-toileting", "katz-transferring", "katz-continence",
			"katz-feeding" })
	@DisplayName("Each activity counts 1 point: dependent in that one alone gives 5 (Katz 1963)")
	void eachActivityCountsOne(String linkId) {
		Map<String, List<String>> answers = activities(I, I, I, I, I, I);
		answers.put(linkId, List.of(D));
		assertThat(score(answers).primary().orElseThrow().intValue()).isEqualTo(5);
	}

	@Test
	@DisplayName("Total 6: no flag and no suggestion (full function, Hartford Try This 2)")
	void fullFunctionRaisesNothing() {
		ScoreResult result = score(activities(I, I, I, I, I, I));
		assertThat(result.flags()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.positive()).isFalse();
	}

	@Test
	@DisplayName("Total 5: INFO flag and the adl-dependence suggestion (Caremap rule on the Hartford Try This 2 bands)")
	void fiveRaisesInfoAndSuggestion() {
		ScoreResult result = score(activities(I, I, I, I, D, I));
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("adl-dependence", Scoring.Severity.INFO));
		assertThat(result.suggestions()).containsExactly("adl-dependence");
	}

	@Test
	@DisplayName("Total 3: still the INFO flag, not the HIGH one (Caremap rule on the Hartford Try This 2 bands)")
	void threeRaisesInfo() {
		ScoreResult result = score(activities(D, D, D, I, I, I));
		assertThat(result.flags()).extracting(ScoreResult.Flag::severity).containsExactly(Scoring.Severity.INFO);
		assertThat(result.suggestions()).containsExactly("adl-dependence");
	}

	@Test
	@DisplayName("Total 2: HIGH flag for severe functional impairment instead of the INFO flag (domain-reference section 3)")
	void twoRaisesHigh() {
		ScoreResult result = score(activities(D, D, D, D, I, I));
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("adl-severe-impairment", Scoring.Severity.HIGH));
		assertThat(result.suggestions()).containsExactly("adl-dependence");
	}

	@Test
	@DisplayName("Total 0: HIGH flag (2 or less severe, Hartford Try This 2; domain-reference section 3)")
	void zeroRaisesHigh() {
		ScoreResult result = score(activities(D, D, D, D, D, D));
		assertThat(result.flags()).extracting(ScoreResult.Flag::severity).containsExactly(Scoring.Severity.HIGH);
	}

	@Test
	@DisplayName("Scorer.problems: a misspelt answer code is unknown; feeding missing is 'required' when completing")
	void problems() {
		Map<String, List<String>> answers = activities(I, I, I, I, I, I);
		answers.put("katz-bathing", List.of("independant"));
		answers.remove("katz-feeding");
		assertThat(Scorer.problems(KATZ, Answers.of(answers), true))
			.containsExactly(Map.entry("katz-bathing", "unknown-answer"), Map.entry("katz-feeding", "required"));
	}
}
