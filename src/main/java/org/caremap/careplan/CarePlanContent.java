package org.caremap.careplan;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * The plan itself, as one version holds it. Items keep their ids across versions (that is how two versions are
 * compared). {@code translations} hold the patient-language text of an item that came from a template; editing
 * the text drops them, since they no longer say the same thing.
 */
public record CarePlanContent(List<Problem> problems, List<Goal> goals, List<Intervention> interventions,
		List<Barrier> barriers) {

	public CarePlanContent {
		problems = problems == null ? List.of() : List.copyOf(problems);
		goals = goals == null ? List.of() : List.copyOf(goals);
		interventions = interventions == null ? List.of() : List.copyOf(interventions);
		barriers = barriers == null ? List.of() : List.copyOf(barriers);
	}

	public static CarePlanContent empty() {
		return new CarePlanContent(List.of(), List.of(), List.of(), List.of());
	}

	public boolean isEmpty() {
		return problems.isEmpty() && goals.isEmpty() && interventions.isEmpty() && barriers.isEmpty();
	}

	public Optional<Goal> goal(UUID id) {
		return goals.stream().filter(g -> g.id().equals(id)).findFirst();
	}

	public Optional<Problem> problem(UUID id) {
		return problems.stream().filter(p -> p.id().equals(id)).findFirst();
	}

	public CarePlanContent withGoal(UUID id, UnaryOperator<Goal> change) {
		return new CarePlanContent(problems, goals.stream().map(g -> g.id().equals(id) ? change.apply(g) : g).toList(),
				interventions, barriers);
	}

	public enum ProblemStatus {
		ACTIVE, RESOLVED
	}

	public enum Term {
		SHORT, LONG
	}

	/** FHIR Goal.lifecycleStatus. */
	public enum Lifecycle {
		PROPOSED, PLANNED, ACCEPTED, ACTIVE, ON_HOLD, COMPLETED, CANCELLED
	}

	/** FHIR Goal.achievementStatus. */
	public enum Achievement {
		IN_PROGRESS, IMPROVING, WORSENING, NO_CHANGE, ACHIEVED, SUSTAINING, NOT_ACHIEVED, NO_PROGRESS, NOT_ATTAINABLE
	}

	/** Who carries out an intervention. */
	public enum Owner {
		CASE_MANAGER, PROVIDER, PATIENT, FAMILY, COMMUNITY
	}

	public enum InterventionStatus {
		PLANNED, IN_PROGRESS, DONE, STOPPED
	}

	/** A problem the plan addresses, optionally coded (ICD-10-CM or SNOMED CT). */
	public record Problem(UUID id, String text, @Nullable String codeSystem, @Nullable String code,
			@Nullable String codeDisplay, ProblemStatus status, @Nullable String template,
			Map<String, String> translations) {
		public Problem {
			translations = translations == null ? Map.of() : Map.copyOf(translations); // a version written before translations has none
		}
	}

	/**
	 * A goal in the patient's words, with a measurable target and a date; who expressed it (FHIR Goal.expressedBy;
	 * null: the care team, as before shared planning) and the patient's answer to it when the team proposed it.
	 */
	public record Goal(UUID id, @Nullable UUID problemId, String text, String target, Term term,
			@Nullable LocalDate targetDate, Lifecycle lifecycle, Achievement achievement, @Nullable String template,
			Map<String, String> translations, Map<String, String> targetTranslations, @Nullable Expressed expressedBy,
			@Nullable Response response) {
		public Goal {
			translations = translations == null ? Map.of() : Map.copyOf(translations); // a version written before translations has none
			targetTranslations = targetTranslations == null ? Map.of() : Map.copyOf(targetTranslations); // a version written before translations has none
		}

		/** A goal as the team writes it (who expressed it and the patient's answer are kept by the plan across versions). */
		public Goal(UUID id, @Nullable UUID problemId, String text, String target, Term term, @Nullable LocalDate targetDate,
				Lifecycle lifecycle, Achievement achievement, @Nullable String template, Map<String, String> translations,
				Map<String, String> targetTranslations) {
			this(id, problemId, text, target, term, targetDate, lifecycle, achievement, template, translations, targetTranslations,
					null, null);
		}

		/** The goal's text in this language where the plan has it (from a template), else as written. */
		public String textIn(String language) {
			return translations.getOrDefault(language, text);
		}

		/** The target in this language where the plan has it, else as written. */
		public String targetIn(String language) {
			return targetTranslations.getOrDefault(language, target);
		}
	}

	/** Who expressed a goal (FHIR Goal.expressedBy: Patient, RelatedPerson or Practitioner). */
	public enum ExpressedBy {
		PATIENT, RELATED_PERSON, PRACTITIONER
	}

	/** Who expressed a goal, and their name as the plan shows it. */
	public record Expressed(ExpressedBy by, String name) {
	}

	/** The patient's answer to a goal or an intervention the team proposed. */
	public enum Answer {
		ACCEPTED, DECLINED
	}

	/** The patient's answer, who gave it (the patient's name) and when (the version it was recorded in follows). */
	public record Response(Answer answer, String by, java.time.Instant at) {
	}

	/** What will be done, by whom, how often. */
	public record Intervention(UUID id, @Nullable UUID goalId, String text, Owner owner, @Nullable String ownerName,
			@Nullable String frequency, InterventionStatus status, @Nullable String template,
			Map<String, String> translations, Map<String, String> frequencyTranslations, @Nullable Response response) {
		public Intervention {
			translations = translations == null ? Map.of() : Map.copyOf(translations); // a version written before translations has none
			frequencyTranslations = frequencyTranslations == null ? Map.of() : Map.copyOf(frequencyTranslations); // a version written before translations has none
		}

		/** An intervention as the team writes it (the patient's answer is kept by the plan across versions). */
		public Intervention(UUID id, @Nullable UUID goalId, String text, Owner owner, @Nullable String ownerName,
				@Nullable String frequency, InterventionStatus status, @Nullable String template, Map<String, String> translations,
				Map<String, String> frequencyTranslations) {
			this(id, goalId, text, owner, ownerName, frequency, status, template, translations, frequencyTranslations, null);
		}

		/** The intervention's text in this language where the plan has it (from a template), else as written. */
		public String textIn(String language) {
			return translations.getOrDefault(language, text);
		}
	}

	/** Something in the way, and what we do about it. */
	public record Barrier(UUID id, String text, @Nullable String response, @Nullable String template,
			Map<String, String> translations) {
		public Barrier {
			translations = translations == null ? Map.of() : Map.copyOf(translations); // a version written before translations has none
		}
	}
}
