package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import java.util.stream.Stream;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scoring of the PHQ-2 ({@code instruments/phq-2.json}). Source: Kroenke K, Spitzer RL, Williams JB. The Patient
 * Health Questionnaire-2: validity of a two-item depression screener. Med Care 2003;41:1284-92; items 1-2 of the
 * PHQ-9, total 0-6, 3 or more positive and then the PHQ-9, LOINC panel 55757-9 and total 55758-7 per
 * domain-reference section 3 (PHQ-2). Expected values are written out by hand.
 */
@DisplayName("PHQ-2 (Kroenke 2003; domain-reference section 3)")
class InstrumentPhq2ScoringTest {

	private static final Instrument PHQ2 = InstrumentDefinitions.shipped("phq-2");

	/** LOINC answers: Not at all 0, Several days 1, More than half the days 2, Nearly every day 3. */
	private static final String NOT_AT_ALL = "LA6568-5";
	private static final String SEVERAL_DAYS = "LA6569-3";
	private static final String MORE_THAN_HALF = "LA6570-1";
	private static final String NEARLY_EVERY_DAY = "LA6571-9";

	private static ScoreResult score(String item1, String item2) {
		return Scorer.score(PHQ2, Answers.single("phq2-1", item1, "phq2-2", item2), Scorer.PatientFacts.of(Sex.MALE));
	}

	static Stream<Arguments> bandBoundaries() {
		return Stream.of(
				Arguments.of(NOT_AT_ALL, NOT_AT_ALL, 0, "negative"),
				Arguments.of(SEVERAL_DAYS, SEVERAL_DAYS, 2, "negative"),
				Arguments.of(MORE_THAN_HALF, SEVERAL_DAYS, 3, "positive"),
				Arguments.of(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, 6, "positive"));
	}

	@ParameterizedTest(name = "{0} + {1} = {2} ({3})")
	@MethodSource("bandBoundaries")
	@DisplayName("Bands 0-2 negative, 3-6 positive (Kroenke 2003; domain-reference section 3)")
	void bandBoundaries(String item1, String item2, int expectedTotal, String bandCode) {
		ScoreResult.Score total = score(item1, item2).primary().orElseThrow();
		assertThat(total.id()).isEqualTo("total");
		assertThat(total.intValue()).isEqualTo(expectedTotal);
		assertThat(total.bandCode()).isEqualTo(bandCode);
		assertThat(total.code()).isEqualTo("55758-7");
	}

	@Test
	@DisplayName("Total 2 is negative: no flag, nothing assigned, no message (cut-off 3, Kroenke 2003)")
	void twoIsNegative() {
		ScoreResult result = score(SEVERAL_DAYS, SEVERAL_DAYS);
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.assign()).isEmpty();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Total 3 is positive: HIGH flag, the PHQ-9 is assigned and the result says to give it (domain-reference section 3)")
	void threeIsPositiveAndAssignsPhq9() {
		ScoreResult result = score(NEARLY_EVERY_DAY, NOT_AT_ALL);
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(3);
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("depression-screen-positive", Scoring.Severity.HIGH));
		assertThat(result.assign()).containsExactly("phq-9");
		assertThat(result.messages()).singleElement().asString().contains("PHQ-9");
		assertThat(result.suggestions()).isEmpty();
	}

	@Test
	@DisplayName("Items carry the PHQ-9 item 1 and 2 LOINC codes (44250-9, 44255-8), panel 55757-9")
	void codes() {
		assertThat(PHQ2.code()).isEqualTo("55757-9");
		assertThat(PHQ2.questions()).extracting(Item::linkId, Item::code)
			.containsExactly(tuple("phq2-1", "44250-9"), tuple("phq2-2", "44255-8"));
	}

	@Test
	@DisplayName("Scorer.problems: the second item missing is 'required' when completing; an unknown code is refused")
	void problems() {
		assertThat(Scorer.problems(PHQ2, Answers.single("phq2-1", NOT_AT_ALL), true))
			.containsExactly(Map.entry("phq2-2", "required"));
		assertThat(Scorer.problems(PHQ2, Answers.single("phq2-1", NOT_AT_ALL, "phq2-2", "LA6572-7"), true))
			.containsExactly(Map.entry("phq2-2", "unknown-answer"));
	}
}
