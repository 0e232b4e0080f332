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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules of the comprehensive case-management assessment ({@code instruments/cm-comprehensive.json}), which has no
 * score. Sources: falls, the three key questions of CDC STEADI (Stopping Elderly Accidents, Deaths and Injuries;
 * yes to any means at risk); mood, Whooley MA, Avins AL, Miranda J, Browner WS. Case-finding instruments for
 * depression. J Gen Intern Med 1997;12:439-45 (yes to either question, then the PHQ-9 of domain-reference
 * section 3); health literacy, Chew LD, Bradley KA, Boyko EJ. Brief questions to identify patients with inadequate
 * health literacy. Fam Med 2004;36:588-94 ("somewhat", "a little bit" or "not at all" confident with forms). The
 * remaining rules are Caremap's own routing of a yes answer to a care-plan suggestion, a social need or the standard
 * instrument of domain-reference section 3. Expected results are written out by hand.
 */
@DisplayName("Comprehensive case-management assessment (STEADI; Whooley 1997; Chew 2004)")
class InstrumentCmComprehensiveScoringTest {

	private static final Instrument CM = InstrumentDefinitions.shipped("cm-comprehensive");

	/** The required items answered with nothing to act on; tests change what they examine. */
	private static Map<String, List<String>> nothingToActOn() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		answers.put("phys-med-trouble", List.of("false"));
		answers.put("mental-down", List.of("false"));
		answers.put("mental-interest", List.of("false"));
		answers.put("social-housing-worry", List.of("false"));
		answers.put("social-transport", List.of("false"));
		answers.put("func-fallen", List.of("false"));
		answers.put("func-unsteady", List.of("false"));
		answers.put("func-worry-falling", List.of("false"));
		answers.put("fin-food", List.of("false"));
		answers.put("lit-forms", List.of("extremely"));
		answers.put("goal-matters", List.of("Staying in my own home and seeing my grandchildren."));
		return answers;
	}

	private static Map<String, List<String>> with(String linkId, String answer) {
		Map<String, List<String>> answers = nothingToActOn();
		answers.put(linkId, List.of(answer));
		return answers;
	}

	private static ScoreResult score(Map<String, List<String>> answers) {
		return Scorer.score(CM, Answers.of(answers), Scorer.PatientFacts.of(Sex.FEMALE, "I50.9"));
	}

	private static void nothingRaised(ScoreResult result) {
		assertThat(result.suggestions()).isEmpty();
		assertThat(result.needs()).isEmpty();
		assertThat(result.flags()).isEmpty();
		assertThat(result.assign()).isEmpty();
		assertThat(result.messages()).isEmpty();
		assertThat(result.positive()).isFalse();
	}

	@Test
	@DisplayName("Unscored: no scores, no primary score; answers with nothing to act on raise nothing and are complete (Caremap comprehensive assessment definition)")
	void unscoredAndQuiet() {
		assertThat(CM.scored()).isFalse();
		Map<String, List<String>> answers = nothingToActOn();
		assertThat(Scorer.problems(CM, Answers.of(answers), true)).isEmpty();
		ScoreResult result = score(answers);
		assertThat(result.scores()).isEmpty();
		assertThat(result.primary()).isEmpty();
		nothingRaised(result);
	}

	@Test
	@DisplayName("Groups: physical, mental, social, functional, financial, caregiver, health literacy, goals in the patient's own words (Caremap comprehensive assessment definition)")
	void groups() {
		assertThat(CM.items()).extracting(Item::linkId, Item::type).containsExactly(
				tuple("physical", ItemType.GROUP), tuple("mental", ItemType.GROUP), tuple("social", ItemType.GROUP),
				tuple("functional", ItemType.GROUP), tuple("financial", ItemType.GROUP),
				tuple("caregiver", ItemType.GROUP), tuple("literacy", ItemType.GROUP), tuple("goals", ItemType.GROUP));
		assertThat(CM.items()).allSatisfy(g -> assertThat(g.children()).hasSizeBetween(4, 6));
		assertThat(CM.question("goal-matters").orElseThrow().type()).isEqualTo(ItemType.TEXT);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "func-fallen", "func-unsteady", "func-worry-falling" })
	@DisplayName("Falls: yes to any STEADI key question (fallen in the past 12 months, unsteady, worried) suggests fall-risk")
	void fallRisk(String linkId) {
		ScoreResult result = score(with(linkId, "true"));
		assertThat(result.suggestions()).containsExactly("fall-risk");
		assertThat(result.needs()).isEmpty();
	}

	@Test
	@DisplayName("Falls: no to all three STEADI key questions suggests nothing")
	void noFallRisk() {
		assertThat(score(nothingToActOn()).suggestions()).doesNotContain("fall-risk");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "phys-med-trouble", "fin-med-cost" })
	@DisplayName("Trouble taking medicines as prescribed, or going without because of cost, suggests medication-adherence (Caremap routing rule)")
	void medicationAdherence(String linkId) {
		assertThat(score(with(linkId, "true")).suggestions()).containsExactly("medication-adherence");
	}

	@Test
	@DisplayName("No trouble with medicines and no cost problem suggests nothing (Caremap routing rule)")
	void noMedicationProblem() {
		nothingRaised(score(with("fin-med-cost", "false")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "cg-overwhelmed", "cg-self-overwhelmed" })
	@DisplayName("A caregiver who feels overwhelmed (the patient's, or the patient as one) suggests caregiver-strain (Caremap routing rule)")
	void caregiverStrain(String linkId) {
		assertThat(score(with(linkId, "true")).suggestions()).containsExactly("caregiver-strain");
	}

	@Test
	@DisplayName("A caregiver who is not overwhelmed suggests nothing (Caremap routing rule)")
	void caregiverNotOverwhelmed() {
		Map<String, List<String>> answers = with("cg-has", "true");
		answers.put("cg-overwhelmed", List.of("false"));
		nothingRaised(score(answers));
	}

	@Test
	@DisplayName("Can't afford food: food-insecurity need and suggestion; can afford it: nothing (Caremap routing rule)")
	void foodInsecurity() {
		ScoreResult result = score(with("fin-food", "true"));
		assertThat(result.needs()).extracting(ScoreResult.Need::code, ScoreResult.Need::loinc)
			.containsExactly(tuple("food-insecurity", null));
		assertThat(result.suggestions()).containsExactly("food-insecurity");
		nothingRaised(score(with("fin-food", "false")));
	}

	@Test
	@DisplayName("Worried about losing housing: housing-instability need and suggestion; not worried: nothing (Caremap routing rule)")
	void housingInstability() {
		ScoreResult result = score(with("social-housing-worry", "true"));
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("housing-instability");
		assertThat(result.suggestions()).containsExactly("housing-instability");
		nothingRaised(score(with("social-housing-worry", "false")));
	}

	@Test
	@DisplayName("Transportation trouble: transportation need and suggestion; none: nothing (Caremap routing rule)")
	void transportation() {
		ScoreResult result = score(with("social-transport", "true"));
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("transportation");
		assertThat(result.suggestions()).containsExactly("transportation");
		nothingRaised(score(with("social-transport", "false")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "somewhat", "a-little-bit", "not-at-all" })
	@DisplayName("Health literacy (Chew 2004): 'somewhat', 'a little bit' or 'not at all' confident with forms raises an INFO flag")
	void limitedHealthLiteracy(String answer) {
		ScoreResult result = score(with("lit-forms", answer));
		assertThat(result.flags()).extracting(ScoreResult.Flag::code, ScoreResult.Flag::severity)
			.containsExactly(tuple("limited-health-literacy", Scoring.Severity.INFO));
		assertThat(result.flags().get(0).label()).contains("plain language");
		assertThat(result.suggestions()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "extremely", "quite-a-bit" })
	@DisplayName("Health literacy (Chew 2004): 'extremely' or 'quite a bit' confident raises no flag")
	void adequateHealthLiteracy(String answer) {
		nothingRaised(score(with("lit-forms", answer)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "mental-down", "mental-interest" })
	@DisplayName("Mood (Whooley 1997): yes to either question assigns the PHQ-9 with a message")
	void moodAssignsPhq9(String linkId) {
		ScoreResult result = score(with(linkId, "true"));
		assertThat(result.assign()).containsExactly("phq-9");
		assertThat(result.messages()).singleElement().asString().contains("PHQ-9");
		assertThat(result.flags()).isEmpty();
	}

	@Test
	@DisplayName("Mood (Whooley 1997): no to both questions assigns nothing")
	void noMoodConcern() {
		Map<String, List<String>> answers = with("mental-down", "false");
		answers.put("mental-interest", List.of("false"));
		nothingRaised(score(answers));
	}

	@Test
	@DisplayName("Often anxious assigns the GAD-7; not anxious assigns nothing (Caremap routing rule to domain-reference section 3)")
	void anxiety() {
		ScoreResult result = score(with("mental-anxious", "true"));
		assertThat(result.assign()).containsExactly("gad-7");
		assertThat(result.messages()).singleElement().asString().contains("GAD-7");
		nothingRaised(score(with("mental-anxious", "false")));
	}

	@Test
	@DisplayName("Drinks alcohol assigns the AUDIT-C; does not drink assigns nothing (Caremap routing rule to domain-reference section 3)")
	void alcohol() {
		ScoreResult result = score(with("mental-alcohol", "true"));
		assertThat(result.assign()).containsExactly("audit-c");
		assertThat(result.messages()).singleElement().asString().contains("AUDIT-C");
		nothingRaised(score(with("mental-alcohol", "false")));
	}

	@Test
	@DisplayName("Needs help with basic activities assigns the Katz ADL; no help needed assigns nothing (Caremap routing rule to domain-reference section 3)")
	void adl() {
		ScoreResult result = score(with("func-adl-help", "true"));
		assertThat(result.assign()).containsExactly("katz-adl");
		assertThat(result.messages()).singleElement().asString().contains("Katz");
		nothingRaised(score(with("func-adl-help", "false")));
	}

	@Test
	@DisplayName("Needs help with household activities assigns the Lawton IADL; no help needed assigns nothing (Caremap routing rule to domain-reference section 3)")
	void iadl() {
		ScoreResult result = score(with("func-iadl-help", "true"));
		assertThat(result.assign()).containsExactly("lawton-iadl");
		assertThat(result.messages()).singleElement().asString().contains("Lawton");
		nothingRaised(score(with("func-iadl-help", "false")));
	}

	@Test
	@DisplayName("Several findings at once: each suggestion once, in rule order (Caremap routing rules)")
	void severalFindings() {
		Map<String, List<String>> answers = nothingToActOn();
		answers.put("func-fallen", List.of("true"));
		answers.put("func-unsteady", List.of("true"));
		answers.put("phys-med-trouble", List.of("true"));
		answers.put("fin-med-cost", List.of("true"));
		answers.put("fin-food", List.of("true"));
		answers.put("cg-self-overwhelmed", List.of("true"));
		ScoreResult result = score(answers);
		assertThat(result.suggestions()).containsExactly("fall-risk", "medication-adherence", "caregiver-strain",
				"food-insecurity");
		assertThat(result.needs()).extracting(ScoreResult.Need::code).containsExactly("food-insecurity");
	}

	@Test
	@DisplayName("Scorer.problems: 'yes' is not a boolean answer, a word in an integer item, the goals left out when completing")
	void problems() {
		Map<String, List<String>> answers = nothingToActOn();
		answers.put("func-fallen", List.of("yes"));
		answers.put("phys-hospital-stays", List.of("a few"));
		answers.remove("goal-matters");
		assertThat(Scorer.problems(CM, Answers.of(answers), true))
			.containsEntry("func-fallen", "unknown-answer")
			.containsEntry("phys-hospital-stays", "not-a-number")
			.containsEntry("goal-matters", "required")
			.hasSize(3);
	}
}
