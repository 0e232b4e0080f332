package org.caremap.assessment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.caremap.assessment.Scoring.Condition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads instrument files: a FHIR Questionnaire (items, answer options with their ordinal values, answers from a
 * contained ValueSet) plus a {@code scoring} object with scores, bands and rules. Every mistake is reported with
 * where it is, so that an administrator's edit is refused with a reason instead of scoring wrongly later.
 */
public final class InstrumentDefinitions {

	public static final String ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Map<String, Scoring.ConditionWeights> MAPPINGS = new ConcurrentHashMap<>();

	private InstrumentDefinitions() {
	}

	/** A definition that cannot be used, and why. */
	public static final class InvalidDefinition extends RuntimeException {
		public InvalidDefinition(String message) {
			super(message);
		}
	}

	/** Reads a shipped instrument file from {@code instruments/<key>.json} on the class path. */
	public static Instrument shipped(String key) {
		return parse(resource("instruments/" + key + ".json"), 1);
	}

	public static String resource(String path) {
		try (InputStream in = InstrumentDefinitions.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) throw new InvalidDefinition("no file " + path);
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Instrument parse(String json, int seq) {
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidDefinition("not valid JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) throw new InvalidDefinition("the definition must be a JSON object");
		if (!"Questionnaire".equals(root.path("resourceType").asString(""))) {
			throw new InvalidDefinition("resourceType must be Questionnaire");
		}
		String key = text(root, "id", "the definition");
		if (!key.matches("^[a-z0-9][a-z0-9-]{1,40}$")) throw new InvalidDefinition("id must be lower-case letters, digits and dashes");
		String version = text(root, "version", "the definition");
		String title = text(root, "title", "the definition");
		Map<String, List<Item.Option>> valueSets = valueSets(root.path("contained"));
		List<Item> items = items(root.path("item"), valueSets, "item");
		if (items.isEmpty()) throw new InvalidDefinition("the definition has no items");
		Set<String> ids = new HashSet<>();
		Instrument probe = new Instrument(key, seq, version, title, null, null, null, items, new Scoring(List.of(), List.of()), json);
		for (Item q : probe.questions()) {
			if (!ids.add(q.linkId())) throw new InvalidDefinition("linkId " + q.linkId() + " is used twice");
		}
		Scoring scoring = scoring(root.path("scoring"), probe);
		String code = null;
		for (JsonNode c : root.path("code")) {
			if ("http://loinc.org".equals(c.path("system").asString(""))) code = c.path("code").asString(null);
		}
		return new Instrument(key, seq, version, title, optional(root, "description"), code, optional(root, "copyright"),
				items, scoring, json);
	}

	private static Map<String, List<Item.Option>> valueSets(JsonNode contained) {
		Map<String, List<Item.Option>> sets = new java.util.HashMap<>();
		for (JsonNode r : contained) {
			if (!"ValueSet".equals(r.path("resourceType").asString(""))) continue;
			String id = text(r, "id", "a contained ValueSet");
			List<Item.Option> options = new ArrayList<>();
			for (JsonNode include : r.path("compose").path("include")) {
				String system = include.path("system").asString(null);
				for (JsonNode c : include.path("concept")) {
					options.add(new Item.Option(text(c, "code", "ValueSet " + id), system, text(c, "display", "ValueSet " + id),
							ordinal(c), false));
				}
			}
			if (options.isEmpty()) throw new InvalidDefinition("ValueSet " + id + " has no concepts");
			sets.put("#" + id, options);
		}
		return sets;
	}

	/** The R5 questionnaire-optionExclusive extension: this answer stands alone ("none of the above"). */
	public static final String EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive";

	private static boolean exclusive(JsonNode option) {
		for (JsonNode e : option.path("extension")) {
			if (EXCLUSIVE.equals(e.path("url").asString(""))) return e.path("valueBoolean").asBoolean(false);
		}
		return false;
	}

	private static @Nullable BigDecimal ordinal(JsonNode node) {
		for (JsonNode e : node.path("extension")) {
			if (ORDINAL.equals(e.path("url").asString(""))) {
				JsonNode v = e.path("valueDecimal");
				if (!v.isNumber()) throw new InvalidDefinition("an ordinalValue must be a number");
				return v.decimalValue();
			}
		}
		return null;
	}

	private static List<Item> items(JsonNode array, Map<String, List<Item.Option>> valueSets, String where) {
		List<Item> out = new ArrayList<>();
		for (JsonNode n : array) {
			String linkId = text(n, "linkId", where);
			String at = "item " + linkId;
			ItemType type;
			try {
				type = ItemType.of(text(n, "type", at));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidDefinition(at + ": " + ex.getMessage());
			}
			String text = type == ItemType.GROUP ? n.path("text").asString("") : text(n, "text", at);
			String code = null;
			for (JsonNode c : n.path("code")) code = c.path("code").asString(null);
			List<Item.Option> options = new ArrayList<>();
			for (JsonNode o : n.path("answerOption")) {
				JsonNode coding = o.path("valueCoding");
				if (coding.isMissingNode()) {
					String s = o.path("valueString").asString(null);
					if (s == null) throw new InvalidDefinition(at + ": an answerOption needs a valueCoding or valueString");
					options.add(new Item.Option(s, null, s, ordinal(o), exclusive(o)));
				}
				else {
					BigDecimal ord = ordinal(o);
					options.add(new Item.Option(text(coding, "code", at), coding.path("system").asString(null),
							text(coding, "display", at), ord != null ? ord : ordinal(coding), exclusive(o)));
				}
			}
			String vs = n.path("answerValueSet").asString(null);
			if (vs != null) {
				List<Item.Option> set = valueSets.get(vs);
				if (set == null) throw new InvalidDefinition(at + ": answerValueSet " + vs + " is not a contained ValueSet");
				options.addAll(set);
			}
			if (type == ItemType.CHOICE && options.isEmpty()) throw new InvalidDefinition(at + ": a choice needs answer options");
			Set<String> codes = new HashSet<>();
			for (Item.Option o : options) {
				if (!codes.add(o.code())) throw new InvalidDefinition(at + ": answer " + o.code() + " is listed twice");
			}
			BigDecimal min = null;
			BigDecimal max = null;
			for (JsonNode e : n.path("extension")) {
				String url = e.path("url").asString("");
				if (url.endsWith("/minValue")) min = e.path("valueInteger").isNumber() ? e.path("valueInteger").decimalValue() : e.path("valueDecimal").decimalValue(null);
				if (url.endsWith("/maxValue")) max = e.path("valueInteger").isNumber() ? e.path("valueInteger").decimalValue() : e.path("valueDecimal").decimalValue(null);
			}
			List<Item> children = type == ItemType.GROUP ? items(n.path("item"), valueSets, at) : List.of();
			if (type == ItemType.GROUP && children.isEmpty()) throw new InvalidDefinition(at + ": a group needs items");
			out.add(new Item(linkId, text, code, type, n.path("required").asBoolean(false), n.path("repeats").asBoolean(false),
					options, children, optional(n, "help"), min, max));
		}
		return out;
	}

	private static Scoring scoring(JsonNode node, Instrument instrument) {
		if (node.isMissingNode() || node.isNull()) return new Scoring(List.of(), List.of());
		List<Scoring.ScoreDefinition> scores = new ArrayList<>();
		Set<String> known = new LinkedHashSet<>();
		for (JsonNode s : node.path("scores")) {
			String id = text(s, "id", "a score");
			String at = "score " + id;
			if (instrument.question(id).isPresent() || !known.add(id)) throw new InvalidDefinition(at + ": the id is taken");
			List<String> sum = new ArrayList<>();
			for (JsonNode t : s.path("sum")) {
				String term = t.asString("");
				if (!known.contains(term) || term.equals(id)) requireNumeric(instrument, term, at);
				sum.add(term);
			}
			String of = s.path("of").asString(null);
			if (of != null && !known.contains(of)) requireNumeric(instrument, of, at);
			Scoring.ConditionWeights weights = null;
			String mapping = s.path("conditionWeights").asString(null);
			if (mapping != null) weights = mapping(mapping);
			int ways = (sum.isEmpty() ? 0 : 1) + (of == null ? 0 : 1) + (weights == null ? 0 : 1);
			if (ways != 1) throw new InvalidDefinition(at + ": give exactly one of sum, of, conditionWeights");
			List<Scoring.Range> ranges = new ArrayList<>();
			for (JsonNode r : s.path("ranges")) {
				boolean same = r.path("same").asBoolean(false);
				BigDecimal points = r.path("points").isNumber() ? r.path("points").decimalValue() : null;
				if (same == (points != null)) throw new InvalidDefinition(at + ": a range gives points or same, not both");
				ranges.add(new Scoring.Range(number(r, "min"), number(r, "max"), points, same));
			}
			if (of != null && ranges.isEmpty()) throw new InvalidDefinition(at + ": points by ranges need ranges");
			List<Scoring.Band> bands = new ArrayList<>();
			for (JsonNode b : s.path("bands")) {
				bands.add(new Scoring.Band(number(b, "min"), number(b, "max"), text(b, "code", at), text(b, "label", at)));
			}
			List<Scoring.Band> sorted = new ArrayList<>(bands);
			sorted.sort(java.util.Comparator.comparing(b -> b.min() == null ? new BigDecimal(Long.MIN_VALUE) : b.min()));
			for (int i = 1; i < sorted.size(); i++) {
				Scoring.Band before = sorted.get(i - 1);
				Scoring.Band next = sorted.get(i);
				if (before.max() == null || next.min() == null) throw new InvalidDefinition(at + ": bands overlap");
				BigDecimal gap = next.min().subtract(before.max());
				boolean whole = before.max().stripTrailingZeros().scale() <= 0 && next.min().stripTrailingZeros().scale() <= 0;
				if (gap.signum() <= 0) throw new InvalidDefinition(at + ": bands " + before.code() + " and " + next.code() + " overlap");
				if (whole && gap.compareTo(BigDecimal.ONE) != 0) {
					throw new InvalidDefinition(at + ": no band holds the values between " + before.code() + " and " + next.code());
				}
			}
			scores.add(new Scoring.ScoreDefinition(id, text(s, "label", at), optional(s, "code"), s.path("primary").asBoolean(false),
					sum, of, ranges, weights, bands));
		}
		if (scores.stream().filter(Scoring.ScoreDefinition::primary).count() > 1) {
			throw new InvalidDefinition("only one score can be primary");
		}
		List<Scoring.Rule> rules = new ArrayList<>();
		Set<String> ruleIds = new HashSet<>();
		for (JsonNode r : node.path("rules")) {
			String id = text(r, "id", "a rule");
			if (!ruleIds.add(id)) throw new InvalidDefinition("rule " + id + " is defined twice");
			String at = "rule " + id;
			Condition when = condition(r.path("when"), instrument, known, at);
			Scoring.FlagSpec flag = null;
			if (r.has("flag")) {
				JsonNode f = r.path("flag");
				Scoring.Severity severity;
				try {
					severity = Scoring.Severity.valueOf(text(f, "severity", at));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidDefinition(at + ": severity must be URGENT, HIGH or INFO");
				}
				flag = new Scoring.FlagSpec(text(f, "code", at), severity, text(f, "label", at));
			}
			Scoring.TaskSpec task = null;
			if (r.has("task")) {
				JsonNode t = r.path("task");
				String priority = t.path("priority").asString("URGENT");
				if (!Set.of("ROUTINE", "URGENT", "ASAP", "STAT").contains(priority)) {
					throw new InvalidDefinition(at + ": task priority must be ROUTINE, URGENT, ASAP or STAT");
				}
				task = new Scoring.TaskSpec(text(t, "title", at), priority, t.path("dueHours").asInt(0), id);
			}
			Scoring.NeedSpec need = null;
			if (r.has("need")) {
				JsonNode nd = r.path("need");
				need = new Scoring.NeedSpec(text(nd, "code", at), text(nd, "label", at), optional(nd, "loinc"));
			}
			rules.add(new Scoring.Rule(id, when, r.path("positive").asBoolean(false), flag, task, need, strings(r.path("suggest")),
					strings(r.path("assign")), optional(r, "message")));
		}
		return new Scoring(scores, rules);
	}

	private static void requireNumeric(Instrument instrument, String term, String at) {
		Item q = instrument.question(term)
			.orElseThrow(() -> new InvalidDefinition(at + ": " + term + " is neither a question nor an earlier score"));
		boolean numeric = switch (q.type()) {
			case INTEGER, DECIMAL, BOOLEAN -> true;
			case CHOICE -> q.options().stream().allMatch(o -> o.ordinal() != null);
			default -> false;
		};
		if (!numeric) throw new InvalidDefinition(at + ": " + term + " has no numeric value (give its answers an ordinalValue)");
	}

	private static Condition condition(JsonNode n, Instrument instrument, Set<String> scores, String at) {
		if (n.isMissingNode() || !n.isObject()) throw new InvalidDefinition(at + ": a rule needs a 'when' object");
		if (n.has("all")) return new Condition.All(conditions(n.path("all"), instrument, scores, at));
		if (n.has("any")) return new Condition.Any(conditions(n.path("any"), instrument, scores, at));
		if (n.has("not")) return new Condition.Not(condition(n.path("not"), instrument, scores, at));
		if (n.has("sex")) return new Condition.Sex(n.path("sex").asString(""));
		boolean score = n.has("score");
		String target = n.path(score ? "score" : "item").asString(null);
		if (target == null) throw new InvalidDefinition(at + ": a condition names an item or a score");
		if (score && !scores.contains(target)) throw new InvalidDefinition(at + ": no score " + target);
		if (!score && instrument.question(target).isEmpty()) throw new InvalidDefinition(at + ": no item " + target);
		if (n.has("in")) return new Condition.In(target, strings(n.path("in")));
		if (n.has("anyExcept")) return new Condition.AnyExcept(target, strings(n.path("anyExcept")));
		for (String op : List.of("gt", "gte", "lt", "lte", "eq", "ne")) {
			if (n.has(op)) {
				if (!n.path(op).isNumber()) throw new InvalidDefinition(at + ": " + op + " compares with a number");
				if (!score) requireNumeric(instrument, target, at);
				return new Condition.Compare(target, score, op, n.path(op).decimalValue());
			}
		}
		throw new InvalidDefinition(at + ": a condition needs gt, gte, lt, lte, eq, ne, in or anyExcept");
	}

	private static List<Condition> conditions(JsonNode array, Instrument instrument, Set<String> scores, String at) {
		List<Condition> out = new ArrayList<>();
		for (JsonNode c : array) out.add(condition(c, instrument, scores, at));
		if (out.isEmpty()) throw new InvalidDefinition(at + ": all/any need conditions");
		return out;
	}

	/** A condition-weight mapping from {@code instruments/mappings/<name>.json}. */
	public static Scoring.ConditionWeights mapping(String name) {
		return MAPPINGS.computeIfAbsent(name, n -> {
			if (!n.matches("^[a-z0-9-]+$")) throw new InvalidDefinition("no mapping " + n);
			JsonNode root = JSON.readTree(resource("instruments/mappings/" + n + ".json"));
			List<Scoring.ConditionWeights.Category> categories = new ArrayList<>();
			for (JsonNode c : root.path("categories")) {
				categories.add(new Scoring.ConditionWeights.Category(text(c, "id", n), text(c, "label", n),
						c.path("weight").decimalValue(), strings(c.path("icd10")), strings(c.path("supersedes"))));
			}
			return new Scoring.ConditionWeights(n, text(root, "source", n), categories);
		});
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		for (JsonNode s : array) out.add(s.asString(""));
		return out;
	}

	private static @Nullable BigDecimal number(JsonNode n, String field) {
		JsonNode v = n.path(field);
		return v.isNumber() ? v.decimalValue() : null;
	}

	private static String text(JsonNode n, String field, String where) {
		String v = n.path(field).asString(null);
		if (v == null || v.isBlank()) throw new InvalidDefinition(where + ": '" + field + "' is missing");
		return v;
	}

	private static @Nullable String optional(JsonNode n, String field) {
		String v = n.path(field).asString(null);
		return v == null || v.isBlank() ? null : v;
	}
}
