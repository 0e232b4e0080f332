package org.caremap.assessment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.caremap.assessment.Scoring.Condition;
import org.caremap.patient.Sex;
import org.jspecify.annotations.Nullable;

/**
 * Scores answers as the instrument's definition says, and checks answers before they are saved. Pure: the same
 * definition, answers and patient facts always give the same result.
 */
public final class Scorer {

	private Scorer() {
	}

	/** What a scoring rule may ask of the patient: administrative sex and ICD-10-CM coded conditions. */
	public record PatientFacts(Sex sex, List<String> conditions) {
		public PatientFacts {
			conditions = List.copyOf(conditions);
		}

		public static PatientFacts of(Sex sex, String... conditions) {
			return new PatientFacts(sex, List.of(conditions));
		}
	}

	/**
	 * What is wrong with these answers, per link id as an error code (required, unknown-answer, single-answer, exclusive-answer,
	 * not-a-number, below-minimum, above-maximum, not-a-date, too-long). Missing answers count only when
	 * {@code complete} is asked for.
	 */
	public static Map<String, String> problems(Instrument instrument, Answers answers, boolean complete) {
		Map<String, String> problems = new LinkedHashMap<>();
		Set<String> known = new java.util.HashSet<>();
		for (Item q : instrument.questions()) {
			known.add(q.linkId());
			List<String> given = answers.get(q.linkId());
			if (given.isEmpty()) {
				if (complete && q.required()) problems.put(q.linkId(), "required");
				continue;
			}
			if (!q.repeats() && given.size() > 1) {
				problems.put(q.linkId(), "single-answer");
				continue;
			}
			if (given.size() > 1 && given.stream().anyMatch(v -> q.option(v).map(Item.Option::exclusive).orElse(false))) {
				problems.put(q.linkId(), "exclusive-answer");
				continue;
			}
			for (String v : given) {
				String problem = check(q, v);
				if (problem != null) {
					problems.put(q.linkId(), problem);
					break;
				}
			}
		}
		for (String linkId : answers.values().keySet()) {
			if (!known.contains(linkId)) problems.put(linkId, "unknown-question");
		}
		return problems;
	}

	private static @Nullable String check(Item q, String v) {
		switch (q.type()) {
			case CHOICE:
				return q.option(v).isPresent() ? null : "unknown-answer";
			case BOOLEAN:
				return v.equals("true") || v.equals("false") ? null : "unknown-answer";
			case INTEGER:
			case DECIMAL:
				BigDecimal n;
				try {
					n = new BigDecimal(v);
				}
				catch (NumberFormatException ex) {
					return "not-a-number";
				}
				if (q.type() == ItemType.INTEGER && n.stripTrailingZeros().scale() > 0) return "not-a-number";
				if (q.min() != null && n.compareTo(q.min()) < 0) return "below-minimum";
				if (q.max() != null && n.compareTo(q.max()) > 0) return "above-maximum";
				return null;
			case DATE:
				try {
					java.time.LocalDate.parse(v);
					return null;
				}
				catch (java.time.format.DateTimeParseException ex) {
					return "not-a-date";
				}
			default:
				return v.length() > 4000 ? "too-long" : null;
		}
	}

	public static ScoreResult score(Instrument instrument, Answers answers, PatientFacts patient) {
		Map<String, String> problems = problems(instrument, answers, false);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("answers do not fit " + instrument.key() + ": " + problems);
		}
		Map<String, BigDecimal> values = new HashMap<>();
		List<ScoreResult.Score> scores = new ArrayList<>();
		for (Scoring.ScoreDefinition d : instrument.scoring().scores()) {
			BigDecimal value;
			String detail = null;
			if (!d.sum().isEmpty()) {
				value = BigDecimal.ZERO;
				for (String term : d.sum()) {
					BigDecimal v = values.containsKey(term) ? values.get(term) : itemValue(instrument, answers, term);
					if (v == null) {
						value = null;
						break;
					}
					value = value.add(v);
				}
			}
			else if (d.of() != null) {
				BigDecimal v = values.containsKey(d.of()) ? values.get(d.of()) : itemValue(instrument, answers, d.of());
				value = v == null ? null : points(d.ranges(), v);
			}
			else {
				Weighed w = weigh(java.util.Objects.requireNonNull(d.conditionWeights()), patient.conditions());
				value = d.ranges().isEmpty() ? w.sum() : points(d.ranges(), w.sum());
				detail = w.labels().isEmpty() ? "none" : String.join(", ", w.labels());
			}
			if (value != null) values.put(d.id(), value);
			Scoring.Band band = null;
			if (value != null) {
				for (Scoring.Band b : d.bands()) {
					if (b.contains(value)) {
						band = b;
						break;
					}
				}
			}
			scores.add(new ScoreResult.Score(d.id(), d.label(), d.code(), d.primary(), value, band == null ? null : band.code(),
					band == null ? null : band.label(), detail));
		}
		boolean positive = false;
		List<ScoreResult.Flag> flags = new ArrayList<>();
		List<ScoreResult.Need> needs = new ArrayList<>();
		Set<String> suggestions = new LinkedHashSet<>();
		Set<String> assign = new LinkedHashSet<>();
		List<String> messages = new ArrayList<>();
		List<Scoring.TaskSpec> tasks = new ArrayList<>();
		for (Scoring.Rule rule : instrument.scoring().rules()) {
			if (!holds(rule.when(), instrument, answers, values, patient)) continue;
			positive |= rule.positive();
			if (rule.flag() != null) flags.add(new ScoreResult.Flag(rule.flag().code(), rule.flag().severity(), rule.flag().label()));
			if (rule.need() != null && needs.stream().noneMatch(n -> n.code().equals(rule.need().code()))) {
				needs.add(new ScoreResult.Need(rule.need().code(), rule.need().label(), rule.need().loinc()));
			}
			if (rule.task() != null) tasks.add(rule.task());
			suggestions.addAll(rule.suggest());
			assign.addAll(rule.assign());
			if (rule.message() != null) messages.add(rule.message());
		}
		return new ScoreResult(scores, positive, flags, needs, List.copyOf(suggestions), List.copyOf(assign), messages, tasks);
	}

	private static BigDecimal points(List<Scoring.Range> ranges, BigDecimal v) {
		for (Scoring.Range r : ranges) {
			if (r.contains(v)) return r.same() ? v : java.util.Objects.requireNonNull(r.points());
		}
		throw new IllegalArgumentException("no range holds " + v);
	}

	private record Weighed(BigDecimal sum, List<String> labels) {
	}

	private static Weighed weigh(Scoring.ConditionWeights weights, List<String> conditions) {
		Set<String> hit = new LinkedHashSet<>();
		for (String condition : conditions) {
			String code = condition.replace(".", "").toUpperCase(Locale.ROOT);
			for (Scoring.ConditionWeights.Category c : weights.categories()) {
				if (c.icd10().stream().anyMatch(code::startsWith)) hit.add(c.id());
			}
		}
		Set<String> superseded = new java.util.HashSet<>();
		for (Scoring.ConditionWeights.Category c : weights.categories()) {
			if (hit.contains(c.id())) superseded.addAll(c.supersedes());
		}
		BigDecimal sum = BigDecimal.ZERO;
		List<String> labels = new ArrayList<>();
		for (Scoring.ConditionWeights.Category c : weights.categories()) {
			if (hit.contains(c.id()) && !superseded.contains(c.id())) {
				sum = sum.add(c.weight());
				labels.add(c.label() + " (" + c.weight().stripTrailingZeros().toPlainString() + ")");
			}
		}
		return new Weighed(sum, labels);
	}

	private static @Nullable BigDecimal itemValue(Instrument instrument, Answers answers, String linkId) {
		Item q = instrument.question(linkId).orElse(null);
		List<String> given = answers.get(linkId);
		if (q == null || given.isEmpty()) return null;
		return switch (q.type()) {
			case CHOICE -> {
				BigDecimal total = BigDecimal.ZERO;
				for (String code : given) {
					BigDecimal o = q.option(code).map(Item.Option::ordinal).orElse(null);
					if (o == null) yield null;
					total = total.add(o);
				}
				yield total;
			}
			case INTEGER, DECIMAL -> new BigDecimal(given.get(0));
			case BOOLEAN -> "true".equals(given.get(0)) ? BigDecimal.ONE : BigDecimal.ZERO;
			default -> null;
		};
	}

	private static boolean holds(Condition c, Instrument instrument, Answers answers, Map<String, BigDecimal> scores,
			PatientFacts patient) {
		if (c instanceof Condition.All all) return all.of().stream().allMatch(x -> holds(x, instrument, answers, scores, patient));
		if (c instanceof Condition.Any any) return any.of().stream().anyMatch(x -> holds(x, instrument, answers, scores, patient));
		if (c instanceof Condition.Not not) return !holds(not.of(), instrument, answers, scores, patient);
		if (c instanceof Condition.Sex sex) return patient.sex().name().equalsIgnoreCase(sex.sex());
		if (c instanceof Condition.In in) return answers.get(in.item()).stream().anyMatch(in.codes()::contains);
		if (c instanceof Condition.AnyExcept ex) return answers.get(ex.item()).stream().anyMatch(a -> !ex.codes().contains(a));
		Condition.Compare cmp = (Condition.Compare) c;
		BigDecimal v = cmp.score() ? scores.get(cmp.target()) : itemValue(instrument, answers, cmp.target());
		if (v == null) return false;
		int r = v.compareTo(cmp.value());
		return switch (cmp.op()) {
			case "gt" -> r > 0;
			case "gte" -> r >= 0;
			case "lt" -> r < 0;
			case "lte" -> r <= 0;
			case "eq" -> r == 0;
			default -> r != 0;
		};
	}
}
