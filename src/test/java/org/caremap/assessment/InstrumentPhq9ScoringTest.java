package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Scoring of the shipped PHQ-9 ({@code instruments/phq-9.json}). Source: Kroenke K, Spitzer RL, Williams JB. The
 * PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606-13; answer points, bands,
 * the positive screen at 10 and the item 9 rule per domain-reference section 3 (PHQ-9). Expected values are written
 * out by hand from that source.
 */
@DisplayName("PHQ-9 (Kroenke 2001; domain-reference section 3)")
class InstrumentPhq9ScoringTest {

	private static final Instrument PHQ9 = InstrumentDefinitions.shipped("phq-9");

	/** LOINC answers of the PHQ frequency scale: Not at all 0, Several days 1, More than half the days 2, Nearly every day 3. */
	private static final String NOT_AT_ALL = "LA6568-5";
	private static final String SEVERAL_DAYS = "LA6569-3";
	private static final String MORE_THAN_HALF = "LA6570-1";
	private static final String NEARLY_EVERY_DAY = "LA6571-9";

	/** The answers to items 1 to 9, in order. */
	private static Answers items(String... codes) {
		assertThat(codes).hasSize(9);
		Map<String, List<String>> answers = new LinkedHashMap<>();
		for (int i = 0; i < codes.length; i++) answers.put("phq9-" + (i + 1), List.of(codes[i]));
		return Answers.of(answers);
	}

	private static ScoreResult score(Answers answers) {
		return Scorer.score(PHQ9, answers, Scorer.PatientFacts.of(Sex.FEMALE));
	}

	private static ScoreResult.Score total(ScoreResult result) {
		return result.score("total").orElseThrow();
	}

	static Stream<Arguments> bandBoundaries() {
		String n = NOT_AT_ALL;
		String s = SEVERAL_DAYS;
		String h = MORE_THAN_HALF;
		String e = NEARLY_EVERY_DAY;
		return Stream.of(
				Arguments.of("0: lowest minimal", items(n, n, n, n, n, n, n, n, n), 0, "minimal", "Minimal"),
				Arguments.of("4: highest minimal", items(e, s, n, n, n, n, n, n, n), 4, "minimal", "Minimal"),
				Arguments.of("5: lowest mild", items(e, h, n, n, n, n, n, n, n), 5, "mild", "Mild"),
				Arguments.of("9: highest mild", items(e, e, e, n, n, n, n, n, n), 9, "mild", "Mild"),
				Arguments.of("10: lowest moderate", items(e, e, e, s, n, n, n, n, n), 10, "moderate", "Moderate"),
				Arguments.of("14: highest moderate", items(e, e, e, e, h, n, n, n, n), 14, "moderate", "Moderate"),
				Arguments.of("15: lowest moderately severe", items(e, e, e, e, e, n, n, n, n), 15, "moderately-severe",
						"Moderately severe"),
				Arguments.of("19: highest moderately severe", items(e, e, e, e, e, e, s, n, n), 19, "moderately-severe",
						"Moderately severe"),
				Arguments.of("20: lowest severe", items(e, e, e, e, e, e, h, n, n), 20, "severe", "Severe"),
				Arguments.of("27: highest severe", items(e, e, e, e, e, e, e, e, e), 27, "severe", "Severe"));
	}

	@ParameterizedTest(name = "total {0}")
	@MethodSource("bandBoundaries")
	@DisplayName("Bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe (Kroenke 2001, table 3)")
	void bandBoundaries(String label, Answers answers, int expectedTotal, String bandCode, String bandLabel) {
		ScoreResult.Score total = total(score(answers));
		assertThat(total.intValue()).isEqualTo(expectedTotal);
		assertThat(total.bandCode()).isEqualTo(bandCode);
		assertThat(total.bandLabel()).isEqualTo(bandLabel);
		assertThat(total.code()).isEqualTo("44261-6");
		assertThat(total.primary()).isTrue();
	}

	@Test
	@DisplayName("Total 9 is not a positive screen (positive at 10 or more, domain-reference section 3)")
	void nineIsNotPositive() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL));
		assertThat(total(result).intValue()).isEqualTo(9);
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.tasks()).isEmpty();
	}

	@Test
	@DisplayName("Total 10 is a positive screen: HIGH flag and the depression care-plan suggestion (domain-reference section 3)")
	void tenIsPositive() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, SEVERAL_DAYS, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL));
		assertThat(total(result).intValue()).isEqualTo(10);
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("depression-positive", Scoring.Severity.HIGH));
		assertThat(result.suggestions()).containsExactly("depression");
		assertThat(result.urgent()).isFalse();
	}

	@Test
	@DisplayName("Item 9 'Several days' with a total of 1 is urgent whatever the total (domain-reference section 3)")
	void itemNineAboveZeroIsUrgentWhateverTheTotal() {
		ScoreResult result = score(items(NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL, SEVERAL_DAYS));
		assertThat(total(result).intValue()).isEqualTo(1);
		assertThat(total(result).bandCode()).isEqualTo("minimal");
		assertThat(result.positive()).isFalse();
		assertThat(result.urgent()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("self-harm-risk", Scoring.Severity.URGENT));
		assertThat(result.tasks()).extracting(Scoring.TaskSpec::priority, Scoring.TaskSpec::dueHours)
			.containsExactly(tuple("STAT", 0));
		assertThat(result.suggestions()).isEmpty();
	}

	@Test
	@DisplayName("Item 9 'Not at all' with the highest other items (total 24) raises no urgent flag (domain-reference section 3)")
	void itemNineZeroIsNotUrgentEvenWhenSevere() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY,
				NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NOT_AT_ALL));
		assertThat(total(result).intValue()).isEqualTo(24);
		assertThat(total(result).bandCode()).isEqualTo("severe");
		assertThat(result.urgent()).isFalse();
		assertThat(result.tasks()).isEmpty();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code).containsExactly("depression-positive");
	}

	@Test
	@DisplayName("Total 27 with item 9 'Nearly every day' raises both the urgent and the positive flag (domain-reference section 3)")
	void maximumRaisesBothFlags() {
		ScoreResult result = score(items(NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY,
				NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY, NEARLY_EVERY_DAY));
		assertThat(total(result).intValue()).isEqualTo(27);
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code)
			.containsExactlyInAnyOrder("self-harm-risk", "depression-positive");
	}

	@Test
	@DisplayName("The difficulty question (LOINC 69722-7) is not part of the total (Kroenke 2001)")
	void difficultyDoesNotCount() {
		Map<String, List<String>> answers = new LinkedHashMap<>(items(NEARLY_EVERY_DAY, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL).values());
		answers.put("phq9-difficulty", List.of("LA6574-3"));
		assertThat(total(score(Answers.of(answers))).intValue()).isEqualTo(3);
	}

	@Test
	@DisplayName("An unanswered item leaves the total unscored instead of counting it as 0 (Scorer: a sum with a missing term is unscored)")
	void missingItemLeavesTotalUnscored() {
		Answers eight = Answers.single("phq9-1", NEARLY_EVERY_DAY, "phq9-2", NEARLY_EVERY_DAY, "phq9-3", NEARLY_EVERY_DAY,
				"phq9-4", NEARLY_EVERY_DAY, "phq9-5", NOT_AT_ALL, "phq9-6", NOT_AT_ALL, "phq9-7", NOT_AT_ALL, "phq9-8",
				NOT_AT_ALL);
		ScoreResult result = score(eight);
		assertThat(total(result).value()).isNull();
		assertThat(total(result).bandCode()).isNull();
		assertThat(result.positive()).isFalse();
	}

	@Test
	@DisplayName("Scorer.problems: an answer code not in the value set is 'unknown-answer', and scoring refuses it")
	void unknownAnswerCode() {
		Answers answers = Answers.single("phq9-1", "LA9999-9", "phq9-2", NOT_AT_ALL);
		assertThat(Scorer.problems(PHQ9, answers, false)).containsExactly(Map.entry("phq9-1", "unknown-answer"));
		assertThatThrownBy(() -> score(answers)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phq9-1");
	}

	@Test
	@DisplayName("Scorer.problems: a required item left out is 'required' only when completing")
	void missingRequiredItemWhenComplete() {
		Answers eight = Answers.single("phq9-1", NOT_AT_ALL, "phq9-2", NOT_AT_ALL, "phq9-3", NOT_AT_ALL, "phq9-4",
				NOT_AT_ALL, "phq9-5", NOT_AT_ALL, "phq9-6", NOT_AT_ALL, "phq9-7", NOT_AT_ALL, "phq9-8", NOT_AT_ALL);
		assertThat(Scorer.problems(PHQ9, eight, true)).containsExactly(Map.entry("phq9-9", "required"));
		assertThat(Scorer.problems(PHQ9, eight, false)).isEmpty();
	}

	@Test
	@DisplayName("Scorer.problems: all nine items answered is complete; the optional difficulty question may be left out")
	void nineItemsAreComplete() {
		Answers nine = items(NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL, NOT_AT_ALL,
				NOT_AT_ALL, NOT_AT_ALL);
		assertThat(Scorer.problems(PHQ9, nine, true)).isEmpty();
	}

	@Test
	@DisplayName("Scorer.problems: two answers to a single-answer item, and an answer to no question")
	void singleAnswerAndUnknownQuestion() {
		Answers answers = Answers.of(Map.of("phq9-1", List.of(NOT_AT_ALL, SEVERAL_DAYS), "phq9-10", List.of(NOT_AT_ALL)));
		assertThat(Scorer.problems(PHQ9, answers, false))
			.containsEntry("phq9-1", "single-answer")
			.containsEntry("phq9-10", "unknown-question")
			.hasSize(2);
	}
}
