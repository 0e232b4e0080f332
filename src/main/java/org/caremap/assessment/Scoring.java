package org.caremap.assessment;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How an instrument's answers become scores, bands and consequences, as the instrument file states them.
 * Scores are computed in order (a score may use earlier ones); rules are then checked one by one.
 */
public record Scoring(List<ScoreDefinition> scores, List<Rule> rules) {

	public Scoring {
		scores = List.copyOf(scores);
		rules = List.copyOf(rules);
	}

	/**
	 * One score: a sum of items or earlier scores, points by ranges of one item or score, or the weights of the
	 * patient's coded conditions through a mapping. Its bands name the ranges of the result.
	 */
	public record ScoreDefinition(String id, String label, @Nullable String code, boolean primary, List<String> sum,
			@Nullable String of, List<Range> ranges, @Nullable ConditionWeights conditionWeights, List<Band> bands) {
		public ScoreDefinition {
			sum = List.copyOf(sum);
			ranges = List.copyOf(ranges);
			bands = List.copyOf(bands);
		}
	}

	/** Values from min to max (inclusive, either open) give these points, or pass through unchanged. */
	public record Range(@Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable BigDecimal points, boolean same) {
		public boolean contains(BigDecimal v) {
			return (min == null || v.compareTo(min) >= 0) && (max == null || v.compareTo(max) <= 0);
		}
	}

	/** A named range of a score, e.g. 10-14 "moderate". */
	public record Band(@Nullable BigDecimal min, @Nullable BigDecimal max, String code, String label) {
		public boolean contains(BigDecimal v) {
			return (min == null || v.compareTo(min) >= 0) && (max == null || v.compareTo(max) <= 0);
		}
	}

	/**
	 * Conditions of the patient (ICD-10-CM) weighted by category, each category counted once; a category that
	 * supersedes others (diabetes with complications over diabetes without) counts instead of them.
	 */
	public record ConditionWeights(String mapping, String source, List<Category> categories) {
		public ConditionWeights {
			categories = List.copyOf(categories);
		}

		public record Category(String id, String label, BigDecimal weight, List<String> icd10, List<String> supersedes) {
			public Category {
				icd10 = List.copyOf(icd10);
				supersedes = List.copyOf(supersedes);
			}
		}
	}

	/** When the condition holds, these consequences follow. */
	public record Rule(String id, Condition when, boolean positive, @Nullable FlagSpec flag, @Nullable TaskSpec task,
			@Nullable NeedSpec need, List<String> suggest, List<String> assign, @Nullable String message) {
		public Rule {
			suggest = List.copyOf(suggest);
			assign = List.copyOf(assign);
		}
	}

	public record FlagSpec(String code, Severity severity, String label) {
	}

	/** An urgent piece of work for the case manager, created the moment the assessment is completed. */
	public record TaskSpec(String title, String priority, int dueHours, @Nullable String rule) {

		public TaskSpec(String title, String priority, int dueHours) {
			this(title, priority, dueHours, null);
		}
	}

	/** A social need (HRSN domain) the patient screened positive for. */
	public record NeedSpec(String code, String label, @Nullable String loinc) {
	}

	public enum Severity {
		URGENT, HIGH, INFO
	}

	/** A test over answers, scores and patient facts. */
	public sealed interface Condition {
		record All(List<Condition> of) implements Condition {
		}

		record Any(List<Condition> of) implements Condition {
		}

		record Not(Condition of) implements Condition {
		}

		/** Compares an item's value (a choice's score, a number) or a score with a number. */
		record Compare(String target, boolean score, String op, BigDecimal value) implements Condition {
		}

		/** An item's chosen answer codes include one of these. */
		record In(String item, List<String> codes) implements Condition {
		}

		/** An item's chosen answer codes include one that is not among these ("any problem but none"). */
		record AnyExcept(String item, List<String> codes) implements Condition {
		}

		record Sex(String sex) implements Condition {
		}
	}
}
