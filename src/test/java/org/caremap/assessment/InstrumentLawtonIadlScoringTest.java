package org.caremap.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caremap.patient.Sex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scoring of the Lawton IADL scale ({@code instruments/lawton-iadl.json}). Source: Lawton MP, Brody EM. Assessment
 * of older people: self-maintaining and instrumental activities of daily living. Gerontologist 1969;9:179-86, with
 * the 1/0 points of each answer level as printed in the Hartford Institute for Geriatric Nursing "Try This" issue 23
 * (Graf C); eight domains, total 0-8, per domain-reference section 3 (Lawton IADL). The reference gives no bands;
 * Caremap names 8 and 0-7 only. Expected values are written out by hand.
 */
@DisplayName("Lawton IADL (Lawton & Brody 1969; Hartford Try This 23; domain-reference section 3)")
class InstrumentLawtonIadlScoringTest {

	private static final Instrument LAWTON = InstrumentDefinitions.shipped("lawton-iadl");

	/** The highest level of every domain (each scores 1). */
	private static Map<String, List<String>> independent() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("lawton-telephone", List.of("own-initiative"));
		answers.put("lawton-shopping", List.of("independent"));
		answers.put("lawton-food", List.of("independent"));
		answers.put("lawton-housekeeping", List.of("independent"));
		answers.put("lawton-laundry", List.of("independent"));
		answers.put("lawton-transportation", List.of("independent"));
		answers.put("lawton-medications", List.of("independent"));
		answers.put("lawton-finances", List.of("independent"));
		return answers;
	}

	private static ScoreResult score(Map<String, List<String>> answers) {
		return Scorer.score(LAWTON, Answers.of(answers), Scorer.PatientFacts.of(Sex.MALE));
	}

	@ParameterizedTest(name = "{0} = {1}: total {2}")
	@CsvSource({
			"lawton-telephone,      own-initiative,     8",
			"lawton-telephone,      dials-few,          8",
			"lawton-telephone,      answers-only,       8",
			"lawton-telephone,      does-not-use,       7",
			"lawton-shopping,       independent,        8",
			"lawton-shopping,       small-purchases,    7",
			"lawton-shopping,       accompanied,        7",
			"lawton-shopping,       unable,             7",
			"lawton-food,           independent,        8",
			"lawton-food,           if-supplied,        7",
			"lawton-food,           heats-serves,       7",
			"lawton-food,           needs-meals,        7",
			"lawton-housekeeping,   independent,        8",
			"lawton-housekeeping,   light-tasks,        8",
			"lawton-housekeeping,   light-not-clean,    8",
			"lawton-housekeeping,   help-all,           8",
			"lawton-housekeeping,   none,               7",
			"lawton-laundry,        independent,        8",
			"lawton-laundry,        small-items,        8",
			"lawton-laundry,        by-others,          7",
			"lawton-transportation, independent,        8",
			"lawton-transportation, taxi,               8",
			"lawton-transportation, public-accompanied, 8",
			"lawton-transportation, car-assisted,       7",
			"lawton-transportation, does-not-travel,    7",
			"lawton-medications,    independent,        8",
			"lawton-medications,    prepared,           7",
			"lawton-medications,    not-capable,        7",
			"lawton-finances,       independent,        8",
			"lawton-finances,       day-to-day,         8",
			"lawton-finances,       incapable,          7" })
	@DisplayName("Every answer level scores 1 or 0 as in Hartford Try This 23, others at their highest level (domain-reference section 3)")
	void levelPoints(String linkId, String level, int expectedTotal) {
		Map<String, List<String>> answers = independent();
		answers.put(linkId, List.of(level));
		assertThat(score(answers).primary().orElseThrow().intValue()).isEqualTo(expectedTotal);
	}

	@Test
	@DisplayName("Total 8: independent in all eight, no message, no suggestion (Hartford Try This 23; Caremap band)")
	void eight() {
		ScoreResult result = score(independent());
		ScoreResult.Score total = result.primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(8);
		assertThat(total.bandCode()).isEqualTo("independent");
		assertThat(result.messages()).isEmpty();
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Total 7 (shops only small purchases): needs help, with the message; medications independent, so no suggestion (Hartford Try This 23; Caremap rule)")
	void seven() {
		Map<String, List<String>> answers = independent();
		answers.put("lawton-shopping", List.of("small-purchases"));
		ScoreResult result = score(answers);
		ScoreResult.Score total = result.primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(7);
		assertThat(total.bandCode()).isEqualTo("needs-help");
		assertThat(result.messages()).singleElement().asString().contains("Needs help");
		assertThat(result.suggestions()).isEmpty();
	}

	@Test
	@DisplayName("Medications 'prepared in advance' (0): medication-adherence suggested (Hartford Try This 23; Caremap rule)")
	void medicationsPreparedInAdvance() {
		Map<String, List<String>> answers = independent();
		answers.put("lawton-medications", List.of("prepared"));
		ScoreResult result = score(answers);
		assertThat(result.primary().orElseThrow().intValue()).isEqualTo(7);
		assertThat(result.suggestions()).containsExactly("medication-adherence");
		assertThat(result.messages()).hasSize(1);
	}

	@Test
	@DisplayName("Medications 'not capable of dispensing' (0): medication-adherence suggested (Hartford Try This 23; Caremap rule)")
	void medicationsNotCapable() {
		Map<String, List<String>> answers = independent();
		answers.put("lawton-medications", List.of("not-capable"));
		assertThat(score(answers).suggestions()).containsExactly("medication-adherence");
	}

	@Test
	@DisplayName("Total 0: every domain at its lowest level; needs help and medication-adherence suggested (Hartford Try This 23; Caremap rule)")
	void zero() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("lawton-telephone", List.of("does-not-use"));
		answers.put("lawton-shopping", List.of("unable"));
		answers.put("lawton-food", List.of("needs-meals"));
		answers.put("lawton-housekeeping", List.of("none"));
		answers.put("lawton-laundry", List.of("by-others"));
		answers.put("lawton-transportation", List.of("does-not-travel"));
		answers.put("lawton-medications", List.of("not-capable"));
		answers.put("lawton-finances", List.of("incapable"));
		ScoreResult result = score(answers);
		ScoreResult.Score total = result.primary().orElseThrow();
		assertThat(total.intValue()).isEqualTo(0);
		assertThat(total.bandCode()).isEqualTo("needs-help");
		assertThat(result.suggestions()).containsExactly("medication-adherence");
		assertThat(result.messages()).hasSize(1);
	}

	@Test
	@DisplayName("Scorer.problems: a level of another domain is unknown here; finances missing is 'required' when completing")
	void problems() {
		Map<String, List<String>> answers = independent();
		answers.put("lawton-telephone", List.of("independent"));
		answers.remove("lawton-finances");
		assertThat(Scorer.problems(LAWTON, Answers.of(answers), true))
			.containsExactly(Map.entry("lawton-telephone", "unknown-answer"), Map.entry("lawton-finances", "required"));
	}
}
