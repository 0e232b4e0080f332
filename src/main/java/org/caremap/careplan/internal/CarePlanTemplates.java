package org.caremap.careplan.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.TemplateView;
import org.caremap.shared.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template library: JSON files under {@code careplan/templates/}, read once at start. Each template names its
 * evidence source, the assessment triggers and ICD-10-CM prefixes that suggest it, and its items in English and
 * Spanish.
 */
@Component
class CarePlanTemplates {

	/** A template with its items as written. */
	record Template(TemplateView view, JsonNode root) {
	}

	private final Map<String, Template> templates = new LinkedHashMap<>();

	CarePlanTemplates() {
		JsonMapper json = JsonMapper.builder().build();
		Resource[] files;
		try {
			files = new PathMatchingResourcePatternResolver().getResources("classpath*:careplan/templates/*.json");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Template> all = new ArrayList<>();
		for (Resource file : files) {
			JsonNode root;
			try {
				root = json.readTree(new String(file.getContentAsByteArray(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			String key = required(root, "key", file.getFilename());
			all.add(new Template(new TemplateView(key, required(root, "version", key), texts(root.path("title")),
					texts(root.path("summary")), required(root.path("evidence"), "source", key),
					root.path("evidence").path("url").asString(""), strings(root.path("triggers").path("suggestions")),
					strings(root.path("triggers").path("conditions")), root.path("problems").size(), root.path("goals").size(),
					root.path("interventions").size(), root.path("barriers").size()), root));
		}
		all.sort(Comparator.comparing(t -> t.view().title("en")));
		all.forEach(t -> templates.put(t.view().key(), t));
	}

	List<TemplateView> all() {
		return templates.values().stream().map(Template::view).toList();
	}

	Optional<Template> find(String key) {
		return Optional.ofNullable(templates.get(key));
	}

	/**
	 * The template's items added to the plan with fresh ids (so applying twice gives two editable sets), goals
	 * dated from {@code today}; text in English with the other languages kept as translations.
	 */
	CarePlanContent apply(Template t, CarePlanContent plan, LocalDate today) {
		String key = t.view().key();
		Map<String, UUID> ids = new HashMap<>();
		List<CarePlanContent.Problem> problems = new ArrayList<>(plan.problems());
		for (JsonNode p : t.root().path("problems")) {
			UUID id = Ids.newId();
			ids.put("problem:" + p.path("key").asString(""), id);
			JsonNode code = p.path("code");
			Map<String, String> text = texts(p.path("text"));
			problems.add(new CarePlanContent.Problem(id, text.get("en"), code.path("system").asString(null),
					code.path("code").asString(null), code.path("display").asString(null),
					CarePlanContent.ProblemStatus.ACTIVE, key, others(text)));
		}
		List<CarePlanContent.Goal> goals = new ArrayList<>(plan.goals());
		for (JsonNode g : t.root().path("goals")) {
			UUID id = Ids.newId();
			ids.put("goal:" + g.path("key").asString(""), id);
			Map<String, String> text = texts(g.path("text"));
			Map<String, String> target = texts(g.path("target"));
			int days = g.path("targetDays").asInt(90);
			goals.add(new CarePlanContent.Goal(id, ids.get("problem:" + g.path("problem").asString("")), text.get("en"),
					target.get("en"), CarePlanContent.Term.valueOf(g.path("term").asString("SHORT")), today.plusDays(days),
					CarePlanContent.Lifecycle.PROPOSED, CarePlanContent.Achievement.IN_PROGRESS, key, others(text),
					others(target)));
		}
		List<CarePlanContent.Intervention> interventions = new ArrayList<>(plan.interventions());
		for (JsonNode i : t.root().path("interventions")) {
			Map<String, String> text = texts(i.path("text"));
			Map<String, String> freq = texts(i.path("frequency"));
			interventions.add(new CarePlanContent.Intervention(Ids.newId(), ids.get("goal:" + i.path("goal").asString("")),
					text.get("en"), CarePlanContent.Owner.valueOf(i.path("owner").asString("CASE_MANAGER")), null,
					freq.get("en"), CarePlanContent.InterventionStatus.PLANNED, key, others(text), others(freq)));
		}
		List<CarePlanContent.Barrier> barriers = new ArrayList<>(plan.barriers());
		for (JsonNode b : t.root().path("barriers")) {
			Map<String, String> text = texts(b.path("text"));
			barriers.add(new CarePlanContent.Barrier(Ids.newId(), text.get("en"), null, key, others(text)));
		}
		return new CarePlanContent(problems, goals, interventions, barriers);
	}

	private static Map<String, String> others(Map<String, String> texts) {
		Map<String, String> m = new HashMap<>(texts);
		m.remove("en");
		return m;
	}

	private static Map<String, String> texts(JsonNode node) {
		Map<String, String> m = new LinkedHashMap<>();
		for (var e : node.properties()) {
			if (e.getValue().isString() && !e.getValue().asString().isBlank()) m.put(e.getKey(), e.getValue().asString());
		}
		return m;
	}

	private static List<String> strings(JsonNode array) {
		List<String> out = new ArrayList<>();
		for (JsonNode s : array) out.add(s.asString(""));
		return out;
	}

	private static String required(JsonNode node, String field, @Nullable String where) {
		String v = node.path(field).asString("");
		if (v.isBlank()) throw new IllegalStateException("care-plan template " + where + ": '" + field + "' is missing");
		return v;
	}
}
