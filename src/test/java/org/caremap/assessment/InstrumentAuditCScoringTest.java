package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scoring of the AUDIT-C ({@code instruments/audit-c.json}). Source: Bush K, Kivlahan DR, McDonell MB, Fihn SD,
 * Bradley KA. The AUDIT alcohol consumption questions (AUDIT-C). Arch Intern Med 1998;158:1789-95; answer points,
 * positive at 4 or more for men and 3 or more for women, and "if all points come from Q1, review rather than flag"
 * per domain-reference section 3 (AUDIT-C). Caremap holds other and unknown sex to the women's threshold. Expected
 * values are written out by hand.
 */
@DisplayName("AUDIT-C (Bush 1998; domain-reference section 3)")
class InstrumentAuditCScoringTest {

	private static final Instrument AUDIT_C = InstrumentDefinitions.shipped("audit-c");

	// Q1 how often: Never 0, Monthly or less 1, 2-4 times a month 2, 2-3 times a week 3, 4 or more times a week 4
	private static final String Q1_NEVER = "LA6270-8";
	private static final String Q1_MONTHLY_OR_LESS = "LA18926-8";
	private static final String Q1_2_TO_4_A_MONTH = "LA18927-6";
	private static final String Q1_2_TO_3_A_WEEK = "LA18928-4";
	private static final String Q1_4_OR_MORE_A_WEEK = "LA18929-2";
	// Q2 drinks on a typical day: (local) None 0, 1 or 2 0, 3 or 4 1, 5 or 6 2, 7 to 9 3, 10 or more 4
	private static final String Q2_NONE = "none";
	private static final String Q2_1_OR_2 = "LA15694-5";
	private static final String Q2_3_OR_4 = "LA15695-2";
	// Q3 six or more on one occasion: Never 0, Less than monthly 1, Monthly 2, Weekly 3, Daily or almost daily 4
	private static final String Q3_NEVER = "LA6270-8";
	private static final String Q3_LESS_THAN_MONTHLY = "LA18933-4";
	private static final String Q3_DAILY = "LA18934-2";

	private static ScoreResult score(Sex sex, String q1, String q2, String q3) {
		return Scorer.score(AUDIT_C, Answers.single("auditc-1", q1, "auditc-2", q2, "auditc-3", q3),
				Scorer.PatientFacts.of(sex));
	}

	private static int total(ScoreResult result) {
		return result.score("total").orElseThrow().intValue();
	}

	private static int q2q3(ScoreResult result) {
		return result.score("q2q3").orElseThrow().intValue();
	}

	@ParameterizedTest(name = "{0} / {1} / {2} -> total {3}, Q2+Q3 {4}")
	@CsvSource({
			"LA6270-8,  none,      LA6270-8,  0, 0",
			"LA18926-8, none,      LA6270-8,  1, 0",
			"LA18927-6, none,      LA6270-8,  2, 0",
			"LA18928-4, none,      LA6270-8,  3, 0",
			"LA18929-2, none,      LA6270-8,  4, 0",
			"LA6270-8,  LA15694-5, LA6270-8,  0, 0",
			"LA6270-8,  LA15695-2, LA6270-8,  1, 1",
			"LA6270-8,  LA18930-0, LA6270-8,  2, 2",
			"LA6270-8,  LA18931-8, LA6270-8,  3, 3",
			"LA6270-8,  LA18932-6, LA6270-8,  4, 4",
			"LA6270-8,  none,      LA18933-4, 1, 1",
			"LA6270-8,  none,      LA18876-5, 2, 2",
			"LA6270-8,  none,      LA18891-4, 3, 3",
			"LA6270-8,  none,      LA18934-2, 4, 4",
			"LA18929-2, LA18932-6, LA18934-2, 12, 8" })
	@DisplayName("Answer points of each question, total 0-12 (Bush 1998; domain-reference section 3)")
	void answerPoints(String q1, String q2, String q3, int expectedTotal, int expectedQ2q3) {
		ScoreResult result = score(Sex.FEMALE, q1, q2, q3);
		assertThat(total(result)).isEqualTo(expectedTotal);
		assertThat(q2q3(result)).isEqualTo(expectedQ2q3);
		assertThat(result.primary().orElseThrow().code()).isEqualTo("75626-2");
	}

	@Test
	@DisplayName("Man with 3 points (1 from Q1) is negative: men are positive at 4 (domain-reference section 3)")
	void manThreeIsNegative() {
		ScoreResult result = score(Sex.MALE, Q1_MONTHLY_OR_LESS, Q2_3_OR_4, Q3_LESS_THAN_MONTHLY);
		assertThat(total(result)).isEqualTo(3);
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Man with 4 points (2 from Q2 and Q3) is positive: HIGH flag, alcohol-use suggested (domain-reference section 3)")
	void manFourIsPositive() {
		ScoreResult result = score(Sex.MALE, Q1_2_TO_4_A_MONTH, Q2_3_OR_4, Q3_LESS_THAN_MONTHLY);
		assertThat(total(result)).isEqualTo(4);
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("alcohol-positive", Scoring.Severity.HIGH));
		assertThat(result.suggestions()).containsExactly("alcohol-use");
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Woman with 2 points is negative: women are positive at 3 (domain-reference section 3)")
	void womanTwoIsNegative() {
		ScoreResult result = score(Sex.FEMALE, Q1_MONTHLY_OR_LESS, Q2_3_OR_4, Q3_NEVER);
		assertThat(total(result)).isEqualTo(2);
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Woman with 3 points (2 from Q2 and Q3) is positive (domain-reference section 3)")
	void womanThreeIsPositive() {
		ScoreResult result = score(Sex.FEMALE, Q1_MONTHLY_OR_LESS, Q2_3_OR_4, Q3_LESS_THAN_MONTHLY);
		assertThat(total(result)).isEqualTo(3);
		assertThat(result.positive()).isTrue();
		assertThat(result.flags()).extracting(ScoreResult.Flag::code).containsExactly("alcohol-positive");
		assertThat(result.suggestions()).containsExactly("alcohol-use");
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(value = Sex.class, names = { "OTHER", "UNKNOWN" })
	@DisplayName("Other and unknown sex use the lower (women's) threshold: 3 is positive, 2 is not (Caremap rule stated in audit-c.json; thresholds per domain-reference section 3)")
	void otherAndUnknownSexUseTheLowerThreshold(Sex sex) {
		ScoreResult three = score(sex, Q1_MONTHLY_OR_LESS, Q2_3_OR_4, Q3_LESS_THAN_MONTHLY);
		assertThat(total(three)).isEqualTo(3);
		assertThat(three.positive()).isTrue();
		assertThat(three.suggestions()).containsExactly("alcohol-use");
		ScoreResult two = score(sex, Q1_MONTHLY_OR_LESS, Q2_3_OR_4, Q3_NEVER);
		assertThat(total(two)).isEqualTo(2);
		assertThat(two.positive()).isFalse();
		assertThat(two.flags()).isEmpty();
	}

	@Test
	@DisplayName("Man with all 4 points from Q1: not flagged, a message says to review drinking (domain-reference section 3)")
	void manAllPointsFromQ1IsReviewedNotFlagged() {
		ScoreResult result = score(Sex.MALE, Q1_4_OR_MORE_A_WEEK, Q2_1_OR_2, Q3_NEVER);
		assertThat(total(result)).isEqualTo(4);
		assertThat(q2q3(result)).isEqualTo(0);
		assertThat(result.positive()).isFalse();
		assertThat(result.flags()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.messages()).singleElement().asString().contains("review drinking with the patient");
	}

	@Test
	@DisplayName("Man with 3 points all from Q1: below the threshold, so no message either (domain-reference section 3)")
	void manThreeFromQ1HasNoMessage() {
		ScoreResult result = score(Sex.MALE, Q1_2_TO_3_A_WEEK, Q2_1_OR_2, Q3_NEVER);
		assertThat(total(result)).isEqualTo(3);
		assertThat(result.positive()).isFalse();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Woman with all 3 points from Q1: review message, not flagged; 2 points from Q1: nothing (domain-reference section 3)")
	void womanAllPointsFromQ1() {
		ScoreResult three = score(Sex.FEMALE, Q1_2_TO_3_A_WEEK, Q2_1_OR_2, Q3_NEVER);
		assertThat(total(three)).isEqualTo(3);
		assertThat(three.positive()).isFalse();
		assertThat(three.flags()).isEmpty();
		assertThat(three.messages()).hasSize(1);
		ScoreResult two = score(Sex.FEMALE, Q1_2_TO_4_A_MONTH, Q2_1_OR_2, Q3_NEVER);
		assertThat(total(two)).isEqualTo(2);
		assertThat(two.messages()).isEmpty();
	}

	@Test
	@DisplayName("Man with 3 points from Q1 and 1 from Q2: positive, since not all points come from Q1 (domain-reference section 3)")
	void onePointOutsideQ1MakesItPositive() {
		ScoreResult result = score(Sex.MALE, Q1_2_TO_3_A_WEEK, Q2_3_OR_4, Q3_NEVER);
		assertThat(total(result)).isEqualTo(4);
		assertThat(q2q3(result)).isEqualTo(1);
		assertThat(result.positive()).isTrue();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("Man with 4 points from Q1 and daily heavy drinking (12): positive, no review message (Bush 1998; domain-reference section 3)")
	void maximumIsPositive() {
		ScoreResult result = score(Sex.MALE, Q1_4_OR_MORE_A_WEEK, "LA18932-6", Q3_DAILY);
		assertThat(total(result)).isEqualTo(12);
		assertThat(result.positive()).isTrue();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("A non-drinker (Never, None, Never) scores 0 and is complete (Bush 1998; Caremap's local 'None' answer, audit-c.json description)")
	void nonDrinker() {
		Answers answers = Answers.single("auditc-1", Q1_NEVER, "auditc-2", Q2_NONE, "auditc-3", Q3_NEVER);
		assertThat(Scorer.problems(AUDIT_C, answers, true)).isEmpty();
		ScoreResult result = Scorer.score(AUDIT_C, answers, Scorer.PatientFacts.of(Sex.FEMALE));
		assertThat(total(result)).isEqualTo(0);
		assertThat(result.positive()).isFalse();
		assertThat(result.messages()).isEmpty();
	}

	@Test
	@DisplayName("LOINC codes: panel 72109-2, items 68518-0, 68519-8, 68520-6 (domain-reference section 3)")
	void codes() {
		assertThat(AUDIT_C.code()).isEqualTo("72109-2");
		assertThat(AUDIT_C.questions()).extracting(Item::code).containsExactly("68518-0", "68519-8", "68520-6");
	}

	@Test
	@DisplayName("Scorer.problems: a Q3 answer code on Q2 is unknown; Q3 missing is 'required' when completing")
	void problems() {
		assertThat(Scorer.problems(AUDIT_C, Answers.single("auditc-1", Q1_NEVER, "auditc-2", Q3_DAILY), true))
			.containsExactly(Map.entry("auditc-2", "unknown-answer"), Map.entry("auditc-3", "required"));
	}
}
