package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scoring of the CMS AHC HRSN core screening tool ({@code instruments/ahc-hrsn.json}). Source: Billioux A,
 * Verlander K, Anthony S, Alley D. Standardized screening for health-related social needs in clinical settings: the
 * Accountable Health Communities Screening Tool. NAM Perspectives 2017; positive answers per domain, LOINC question
 * and answer codes, food by the Hunger Vital Sign (Hager ER et al. Pediatrics 2010;126:e26-32), the safety total
 * 4-20 positive above 10 (adapted HITS: Sherin KM et al. Fam Med
 * 1998;30:508-12) and the "physically hurt other than Never" rule per domain-reference section 3 (CMS AHC HRSN core
 * tool). Expected values are written out by hand.
 */
@DisplayName("AHC HRSN core tool (CMS AHC 2017; domain-reference section 3)")
class InstrumentAhcHrsnScoringTest {

	private static final Instrument HRSN = InstrumentDefinitions.shipped("ahc-hrsn");

	private static final String STEADY_PLACE = "LA31993-1";
	private static final String WORRIED_ABOUT_LOSING = "LA31994-9";
	private static final String NO_STEADY_PLACE = "LA31995-6";
	private static final String NONE_OF_THE_ABOVE = "LA9-3";
	private static final String MOLD = "LA28580-1";
	private static final String WATER_LEAKS = "LA32001-2";
	private static final String OFTEN_TRUE = "LA28397-0";
	private static final String SOMETIMES_TRUE = "LA6729-3";
	private static final String NEVER_TRUE = "LA28398-8";
	private static final String YES = "LA33-6";
	private static final String NO = "LA32-8";
	private static final String ALREADY_SHUT_OFF = "LA32002-0";
	// safety: Never 1, Rarely 2, Sometimes 3, Fairly often 4, Frequently 5
	private static final String NEVER = "LA6270-8";
	private static final String RARELY = "LA10066-1";
	private static final String SOMETIMES = "LA10082-8";
	private static final String FAIRLY_OFTEN = "LA16644-9";
	private static final String FREQUENTLY = "LA6482-9";

	/** Every question answered with its negative answer; tests change what they examine. */
	private static Map<String, List<String>> negative() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("living-situation", List.of(STEADY_PLACE));
		answers.put("housing-problems", List.of(NONE_OF_THE_ABOVE));
		answers.put("food-worry", List.of(NEVER_TRUE));
		answers.put("food-didnt-last", List.of(NEVER_TRUE));
		answers.put("transportation", List.of(NO));
		answers.put("utilities", List.of(NO));
		answers.put("safety-hurt", List.of(NEVER));
		answers.put("safety-insult", List.of(NEVER));
		answers.put("safety-threaten", List.of(NEVER));
		answers.put("safety-scream", List.of(NEVER));
		return answers;
	}

	private static Map<String, List<String>> with(String linkId, String... codes) {
		Map<String, List<String>> answers = negative();
		answers.put(linkId, List.of(codes));
		return answers;
	}

	private static Map<String, List<String>> safety(String hurt, String insult, String threaten, String scream) {
		Map<String, List<String>> answers = negative();
		answers.put("safety-hurt", List.of(hurt));
		answers.put("safety-insult", List.of(insult));
		answers.put("safety-threaten", List.of(threaten));
		answers.put("safety-scream", List.of(scream));
		return answers;
	}

	private static ScoreResult score(Map<String, List<String>> answers) {
		return Scorer.score(HRSN, Answers.of(answers), Scorer.PatientFacts.of(Sex.FEMALE));
	}

	private static ScoreResult.Score safetyTotal(ScoreResult result) {
		return result.score("safety").orElseThrow();
	}

	/** The one need a single positive domain gives: positive, the need, the same suggestion, no flag. */
	private static void onlyNeed(ScoreResult result, String code) {
		assertThat(result.positive()).isTrue();
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly(code);
		assertThat(result.suggestions()).containsExactly(code);
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("All answers negative: not positive, no needs, no suggestions, no flags; safety total 4 (domain-reference section 3)")
	void allNegative() {
		Map<String, List<String>> answers = negative();
		assertThat(Scorer.problems(HRSN, Answers.of(answers), true)).isEmpty();
		ScoreResult result = score(answers);
		assertThat(result.positive()).isFalse();
		assertThat(result.needs()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.flags()).isEmpty();
		assertThat(safetyTotal(result).intValue()).isEqualTo(4);
		assertThat(safetyTotal(result).bandCode()).isEqualTo("negative");
		assertThat(result.primary()).isEmpty();
	}

	@Test
	@DisplayName("Living situation 'worried about losing it' (LA31994-9): housing instability, not homelessness (domain-reference section 3)")
	void worriedAboutLosingHousing() {
		ScoreResult result = score(with("living-situation", WORRIED_ABOUT_LOSING));
		onlyNeed(result, "housing-instability");
		assertThat(result.needs()).extracting(ScoreResult.Need::label, ScoreResult.Need::loinc)
			.containsExactly(tuple("Housing instability", "71802-3"));
	}

	@Test
	@DisplayName("Living situation 'no steady place' (LA31995-6): homelessness, not housing instability (domain-reference section 3)")
	void noSteadyPlace() {
		onlyNeed(score(with("living-situation", NO_STEADY_PLACE)), "homelessness");
	}

	@Test
	@DisplayName("Living situation 'steady place' (LA31993-1) is negative (domain-reference section 3)")
	void steadyPlace() {
		ScoreResult result = score(with("living-situation", STEADY_PLACE));
		assertThat(result.needs()).isEmpty();
		assertThat(result.positive()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8", "LA32000-4", "LA32001-2" })
	@DisplayName("Each of the 7 housing problems (pests, mold, lead, heat, stove, smoke detectors, water leaks) is positive (domain-reference section 3)")
	void eachHousingProblem(String problem) {
		onlyNeed(score(with("housing-problems", problem)), "housing-quality");
	}

	@Test
	@DisplayName("Housing problems 'None of the above' (LA9-3) is negative (domain-reference section 3)")
	void noHousingProblem() {
		ScoreResult result = score(with("housing-problems", NONE_OF_THE_ABOVE));
		assertThat(result.needs()).isEmpty();
		assertThat(result.positive()).isFalse();
	}

	@Test
	@DisplayName("Several housing problems give one housing-quality need (domain-reference section 3: one need per domain)")
	void severalHousingProblems() {
		ScoreResult result = score(with("housing-problems", MOLD, WATER_LEAKS));
		onlyNeed(result, "housing-quality");
		assertThat(result.needs()).extracting(ScoreResult.Need::loinc).containsExactly("96778-6");
	}

	@ParameterizedTest(name = "{0} = {1}")
	@CsvSource({ "food-worry, LA28397-0", "food-worry, LA6729-3", "food-didnt-last, LA28397-0", "food-didnt-last, LA6729-3" })
	@DisplayName("Hunger Vital Sign: 'Often true' or 'Sometimes true' on either item is food insecurity (Hager 2010; domain-reference section 3)")
	void foodInsecurity(String item, String answer) {
		ScoreResult result = score(with(item, answer));
		onlyNeed(result, "food-insecurity");
		assertThat(result.needs()).extracting(ScoreResult.Need::loinc).containsExactly("88124-3");
	}

	@Test
	@DisplayName("Hunger Vital Sign: 'Never true' on both items is negative (domain-reference section 3)")
	void foodNeverTrue() {
		Map<String, List<String>> answers = negative();
		answers.put("food-worry", List.of(NEVER_TRUE));
		answers.put("food-didnt-last", List.of(NEVER_TRUE));
		assertThat(score(answers).needs()).isEmpty();
	}

	@Test
	@DisplayName("Both food items positive give one food-insecurity need (Hager 2010; domain-reference section 3)")
	void bothFoodItems() {
		Map<String, List<String>> answers = negative();
		answers.put("food-worry", List.of(OFTEN_TRUE));
		answers.put("food-didnt-last", List.of(SOMETIMES_TRUE));
		onlyNeed(score(answers), "food-insecurity");
	}

	@Test
	@DisplayName("Transportation 'Yes' (LA33-6) is positive, 'No' (LA32-8) negative (domain-reference section 3)")
	void transportation() {
		onlyNeed(score(with("transportation", YES)), "transportation");
		assertThat(score(with("transportation", NO)).needs()).isEmpty();
	}

	@Test
	@DisplayName("Utilities 'Yes' (LA33-6) and 'Already shut off' (LA32002-0) are positive, 'No' negative (domain-reference section 3)")
	void utilities() {
		onlyNeed(score(with("utilities", YES)), "utilities");
		onlyNeed(score(with("utilities", ALREADY_SHUT_OFF)), "utilities");
		assertThat(score(with("utilities", NO)).needs()).isEmpty();
	}

	@Test
	@DisplayName("Safety total 10 with 'physically hurt' Never is negative (positive above 10, domain-reference section 3)")
	void safetyTenIsNegative() {
		ScoreResult result = score(safety(NEVER, FREQUENTLY, RARELY, RARELY));
		assertThat(safetyTotal(result).intValue()).isEqualTo(10);
		assertThat(safetyTotal(result).bandCode()).isEqualTo("negative");
		assertThat(result.positive()).isFalse();
		assertThat(result.needs()).isEmpty();
		assertThat(result.flags()).isEmpty();
		assertThat(result.urgent()).isFalse();
	}

	@Test
	@DisplayName("Safety total 11 with 'physically hurt' Never is positive: need and URGENT flag (domain-reference section 3)")
	void safetyElevenIsPositive() {
		ScoreResult result = score(safety(NEVER, FREQUENTLY, SOMETIMES, RARELY));
		assertThat(safetyTotal(result).intValue()).isEqualTo(11);
		assertThat(safetyTotal(result).bandCode()).isEqualTo("positive");
		assertThat(result.positive()).isTrue();
		assertThat(result.needs()).extracting(ScoreResult.Need::code, ScoreResult.Need::loinc)
			.containsExactly(tuple("interpersonal-safety", "95614-4"));
		assertThat(result.suggestions()).containsExactly("interpersonal-safety");
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("interpersonal-safety", Scoring.Severity.URGENT));
		assertThat(result.urgent()).isTrue();
	}

	@Test
	@DisplayName("'Physically hurt' Rarely with a safety total of 5 is positive whatever the total (domain-reference section 3)")
	void physicallyHurtRarelyIsPositive() {
		ScoreResult result = score(safety(RARELY, NEVER, NEVER, NEVER));
		assertThat(safetyTotal(result).intValue()).isEqualTo(5);
		assertThat(safetyTotal(result).bandCode()).isEqualTo("negative");
		assertThat(result.positive()).isTrue();
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("interpersonal-safety");
		assertThat(result.flags()).extracting(ScoreResult.Flag::severity).containsExactly(Scoring.Severity.URGENT);
	}

	@Test
	@DisplayName("'Physically hurt' Rarely with a safety total of 10 is positive; the need and flag are raised once (domain-reference section 3)")
	void physicallyHurtRarelyAtTen() {
		ScoreResult result = score(safety(RARELY, FAIRLY_OFTEN, RARELY, RARELY));
		assertThat(safetyTotal(result).intValue()).isEqualTo(10);
		assertThat(result.needs()).hasSize(1);
		assertThat(result.flags()).hasSize(1);
	}

	@Test
	@DisplayName("'Physically hurt' other than Never is positive even when the other safety questions are unanswered and the total is not scored (domain-reference section 3)")
	void physicallyHurtAloneIsPositive() {
		Map<String, List<String>> answers = negative();
		answers.put("safety-hurt", List.of(SOMETIMES));
		answers.remove("safety-insult");
		answers.remove("safety-threaten");
		answers.remove("safety-scream");
		ScoreResult result = score(answers);
		assertThat(safetyTotal(result).value()).isNull();
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("interpersonal-safety");
		assertThat(result.urgent()).isTrue();
	}

	@Test
	@DisplayName("Safety total 20 (all Frequently) is the top of the positive band (domain-reference section 3)")
	void safetyTwenty() {
		ScoreResult result = score(safety(FREQUENTLY, FREQUENTLY, FREQUENTLY, FREQUENTLY));
		assertThat(safetyTotal(result).intValue()).isEqualTo(20);
		assertThat(safetyTotal(result).bandCode()).isEqualTo("positive");
		assertThat(safetyTotal(result).code()).isEqualTo("95614-4");
	}

	@Test
	@DisplayName("Every domain positive at once: six needs in domain order and one URGENT flag (domain-reference section 3)")
	void everyDomainPositive() {
		Map<String, List<String>> answers = negative();
		answers.put("living-situation", List.of(WORRIED_ABOUT_LOSING));
		answers.put("housing-problems", List.of(MOLD));
		answers.put("food-worry", List.of(OFTEN_TRUE));
		answers.put("transportation", List.of(YES));
		answers.put("utilities", List.of(ALREADY_SHUT_OFF));
		answers.put("safety-hurt", List.of(FREQUENTLY));
		ScoreResult result = score(answers);
		assertThat(result.positive()).isTrue();
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("housing-instability",
				"housing-quality", "food-insecurity", "transportation", "utilities", "interpersonal-safety");
		assertThat(result.suggestions()).containsExactly("housing-instability", "housing-quality", "food-insecurity",
				"transportation", "utilities", "interpersonal-safety");
		assertThat(result.flags()).extracting(ScoreResult.Flag::code).containsExactly("interpersonal-safety");
	}

	@Test
	@DisplayName("LOINC codes: panel 96777-8 and the ten question codes of domain-reference section 3")
	void codes() {
		assertThat(HRSN.code()).isEqualTo("96777-8");
		assertThat(HRSN.questions()).extracting(Item::code).containsExactly("71802-3", "96778-6", "88122-7", "88123-5",
				"93030-5", "96779-4", "95618-5", "95617-7", "95616-9", "95615-1");
		assertThat(HRSN.question("housing-problems").orElseThrow().repeats()).isTrue();
	}

	@Test
	@DisplayName("Scorer.problems: an unknown code among housing problems, two living situations, a safety answer missing when completing")
	void problems() {
		Map<String, List<String>> answers = negative();
		answers.put("housing-problems", List.of(MOLD, "LA0000-0"));
		answers.put("living-situation", List.of(STEADY_PLACE, WORRIED_ABOUT_LOSING));
		answers.remove("safety-scream");
		assertThat(Scorer.problems(HRSN, Answers.of(answers), true))
			.containsEntry("housing-problems", "unknown-answer")
			.containsEntry("living-situation", "single-answer")
			.containsEntry("safety-scream", "required")
			.hasSize(3);
	}
}
