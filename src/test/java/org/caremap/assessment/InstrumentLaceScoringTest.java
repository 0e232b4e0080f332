package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scoring of the LACE index ({@code instruments/lace.json}) with the comorbidity mapping
 * {@code instruments/mappings/lace-comorbidity-quan.json}. Source: van Walraven C, Dhalla IA, Bell C, et al.
 * Derivation and validation of an index to predict early death or unplanned readmission after discharge from
 * hospital to the community. CMAJ 2010;182:551-7 (also mdcalc.com/lace-index-readmission); L, A, C and E points, the
 * comorbidity weights and the bands 0-4 low, 5-9 moderate, 10 or more high per domain-reference section 2 (LACE);
 * ICD-10 categories of Quan H et al. Med Care 2005;43:1130-9. Expected values are written out by hand.
 */
@DisplayName("LACE index (van Walraven 2010; domain-reference section 2)")
class InstrumentLaceScoringTest {

	private static final Instrument LACE = InstrumentDefinitions.shipped("lace");

	private static final String EMERGENT = "emergent";
	private static final String ELECTIVE = "elective";

	private static Answers answers(String lengthOfStay, String acuity, String edVisits) {
		return Answers.single("los", lengthOfStay, "acute", acuity, "ed-visits", edVisits);
	}

	private static ScoreResult score(Answers answers, String... conditions) {
		return Scorer.score(LACE, answers, Scorer.PatientFacts.of(Sex.MALE, conditions));
	}

	private static int points(ScoreResult result, String score) {
		return result.score(score).orElseThrow().intValue();
	}

	@ParameterizedTest(name = "{0} days -> L {1}")
	@CsvSource({ "0, 0", "1, 1", "2, 2", "3, 3", "4, 4", "6, 4", "7, 5", "13, 5", "14, 7", "60, 7" })
	@DisplayName("L: <1 day 0, 1 1, 2 2, 3 3, 4-6 4, 7-13 5, 14 or more 7 (original LACE, not modified; domain-reference section 2)")
	void lengthOfStay(String days, int expectedPoints) {
		assertThat(points(score(answers(days, ELECTIVE, "0")), "L")).isEqualTo(expectedPoints);
	}

	@Test
	@DisplayName("A: emergent admission 3, elective 0 (domain-reference section 2)")
	void acuity() {
		assertThat(points(score(answers("0", EMERGENT, "0")), "A")).isEqualTo(3);
		assertThat(points(score(answers("0", ELECTIVE, "0")), "A")).isEqualTo(0);
	}

	@ParameterizedTest(name = "{0} visits -> E {1}")
	@CsvSource({ "0, 0", "1, 1", "3, 3", "4, 4", "12, 4" })
	@DisplayName("E: ED visits in the 6 months before, 0-3 as counted, 4 or more gives 4 (domain-reference section 2)")
	void edVisits(String visits, int expectedPoints) {
		assertThat(points(score(answers("0", ELECTIVE, visits)), "E")).isEqualTo(expectedPoints);
	}

	@Test
	@DisplayName("C: no coded conditions give 0 (van Walraven 2010; domain-reference section 2)")
	void noConditions() {
		ScoreResult.Score c = score(answers("0", ELECTIVE, "0")).score("C").orElseThrow();
		assertThat(c.intValue()).isEqualTo(0);
		assertThat(c.detail()).isEqualTo("none");
	}

	@Test
	@DisplayName("C: E11.9 (diabetes without complications, weight 1) gives 1 (domain-reference section 2)")
	void diabetesWithoutComplications() {
		ScoreResult.Score c = score(answers("0", ELECTIVE, "0"), "E11.9").score("C").orElseThrow();
		assertThat(c.intValue()).isEqualTo(1);
		assertThat(c.detail()).isEqualTo("Diabetes without complications (1)");
	}

	@Test
	@DisplayName("C: E11.9 + E11.22 gives 2, not 3: diabetes with end-organ damage supersedes diabetes without (domain-reference section 2)")
	void complicatedDiabetesSupersedes() {
		ScoreResult.Score c = score(answers("0", ELECTIVE, "0"), "E11.9", "E11.22").score("C").orElseThrow();
		assertThat(c.intValue()).isEqualTo(2);
		assertThat(c.detail()).isEqualTo("Diabetes with end-organ damage (2)");
	}

	@Test
	@DisplayName("C: I50.9 (CHF 2) + E11.9 (diabetes 1) = 3 gives 3 (sums of 0-3 count as they are, domain-reference section 2)")
	void sumThree() {
		assertThat(points(score(answers("0", ELECTIVE, "0"), "I50.9", "E11.9"), "C")).isEqualTo(3);
	}

	@Test
	@DisplayName("C: I21.9 (MI 1) + I63.9 (cerebrovascular 1) + I50.9 (CHF 2) = 4 gives 5 (domain-reference section 2)")
	void sumFourGivesFive() {
		assertThat(points(score(answers("0", ELECTIVE, "0"), "I21.9", "I63.9", "I50.9"), "C")).isEqualTo(5);
	}

	@Test
	@DisplayName("C: I50.9 + N18.4 + C78.0 = 2 + 4 + 6 = 12 gives 5 (domain-reference section 2)")
	void largeSumGivesFive() {
		ScoreResult.Score c = score(answers("0", ELECTIVE, "0"), "I50.9", "N18.4", "C78.0").score("C").orElseThrow();
		assertThat(c.intValue()).isEqualTo(5);
		assertThat(c.detail()).contains("Congestive heart failure (2)", "(CKD stage 4-5, dialysis, transplant) (4)",
				"Metastatic solid tumor (6)");
	}

	@Test
	@DisplayName("C: the same category twice counts once: I50.9 + I50.22 gives 2 (Quan 2005 categories; domain-reference section 2)")
	void categoryCountsOnce() {
		assertThat(points(score(answers("0", ELECTIVE, "0"), "I50.9", "I50.22"), "C")).isEqualTo(2);
	}

	@Test
	@DisplayName("Total 0: low risk, no flag (domain-reference section 2)")
	void totalZero() {
		ScoreResult result = score(answers("0", ELECTIVE, "0"));
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(0);
		assertThat(result.primary().orElseThrow().bandCode()).isEqualTo("low");
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Total 4 (4 days, elective, no conditions, no ED visits): low (0-4, domain-reference section 2)")
	void totalFour() {
		ScoreResult.Score total = score(answers("4", ELECTIVE, "0")).primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(4);
		assertThat(total.bandCode()).isEqualTo("low");
	}

	@Test
	@DisplayName("Total 5 (4 days, elective, E11.9): moderate (5-9, domain-reference section 2)")
	void totalFive() {
		ScoreResult result = score(answers("4", ELECTIVE, "0"), "E11.9");
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(5);
		assertThat(result.primary().orElseThrow().bandCode()).isEqualTo("moderate");
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Total 9 (7 days, emergent, 1 ED visit): moderate, no flag (domain-reference section 2)")
	void totalNine() {
		ScoreResult result = score(answers("7", EMERGENT, "1"));
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(9);
		assertThat(result.primary().orElseThrow().bandCode()).isEqualTo("moderate");
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Total 10 (7 days, emergent, 2 ED visits): high, HIGH flag for high readmission risk (domain-reference section 2)")
	void totalTen() {
		ScoreResult result = score(answers("7", EMERGENT, "2"));
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(10);
		assertThat(result.primary().orElseThrow().bandCode()).isEqualTo("high");
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("high-readmission-risk", Scoring.Severity.HIGH));
		assertThat(result.flags().get(0).label()).contains("High readmission risk");
	}

	@Test
	@DisplayName("Total 19, the maximum: 14 days (7) + emergent (3) + I50.9, N18.4, C78.0 (5) + 4 ED visits (4) (van Walraven 2010; domain-reference section 2)")
	void totalNineteen() {
		ScoreResult result = score(answers("14", EMERGENT, "4"), "I50.9", "N18.4", "C78.0");
		assertThat(points(result, "L")).isEqualTo(7);
		assertThat(points(result, "A")).isEqualTo(3);
		assertThat(points(result, "C")).isEqualTo(5);
		assertThat(points(result, "E")).isEqualTo(4);
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(19);
		assertThat(result.primary().orElseThrow().bandCode()).isEqualTo("high");
	}

	@Test
	@DisplayName("Without a length of stay the total is not computed (Scorer: a sum with a missing term is unscored)")
	void missingLengthOfStay() {
		ScoreResult result = score(Answers.single("acute", EMERGENT, "ed-visits", "2"));
		assertThat(result.score("L").orElseThrow().value()).isNull();
		assertThat(result.primary().orElseThrow().value()).isNull();
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Scorer.problems: a word, a fraction and a negative number in the integer items")
	void integerProblems() {
		assertThat(Scorer.problems(LACE, answers("three", ELECTIVE, "0"), false))
			.containsExactly(Map.entry("los", "not-a-number"));
		assertThat(Scorer.problems(LACE, answers("2.5", ELECTIVE, "0"), false))
			.containsExactly(Map.entry("los", "not-a-number"));
		assertThat(Scorer.problems(LACE, answers("-1", ELECTIVE, "0"), false))
			.containsExactly(Map.entry("los", "below-minimum"));
		assertThat(Scorer.problems(LACE, answers("3", ELECTIVE, "many"), false))
			.containsExactly(Map.entry("ed-visits", "not-a-number"));
	}

	@Test
	@DisplayName("Scorer.problems: an unknown acuity code, and ED visits missing when completing")
	void otherProblems() {
		assertThat(Scorer.problems(LACE, Answers.single("los", "3", "acute", "urgent"), true))
			.containsExactly(Map.entry("acute", "unknown-answer"), Map.entry("ed-visits", "required"));
		assertThat(Scorer.problems(LACE, answers("3", EMERGENT, "0"), true)).isEmpty();
	}
}
