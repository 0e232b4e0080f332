package org.caremap.careplan.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.PlanDiff;
import org.jspecify.annotations.Nullable;

/** Compares two versions of a plan item by item (items keep their ids), field by field. */
final class PlanDiffer {

	private PlanDiffer() {
	}

	static PlanDiff diff(int from, CarePlanContent a, @Nullable LocalDate reviewA, int to, CarePlanContent b,
			@Nullable LocalDate reviewB) {
		List<PlanDiff.Change> changes = new ArrayList<>();
		if (!Objects.equals(reviewA, reviewB)) {
			changes.add(new PlanDiff.Change("plan", null, PlanDiff.Kind.CHANGED, "Review date",
					List.of(new PlanDiff.FieldChange("reviewDue", str(reviewA), str(reviewB)))));
		}
		section(changes, "problems", a.problems(), b.problems(), CarePlanContent.Problem::id, CarePlanContent.Problem::text,
				PlanDiffer::fields);
		section(changes, "goals", a.goals(), b.goals(), CarePlanContent.Goal::id, CarePlanContent.Goal::text, PlanDiffer::fields);
		section(changes, "interventions", a.interventions(), b.interventions(), CarePlanContent.Intervention::id,
				CarePlanContent.Intervention::text, PlanDiffer::fields);
		section(changes, "barriers", a.barriers(), b.barriers(), CarePlanContent.Barrier::id, CarePlanContent.Barrier::text,
				PlanDiffer::fields);
		return new PlanDiff(from, to, changes);
	}

	private static <T> void section(List<PlanDiff.Change> out, String section, List<T> before, List<T> after,
			Function<T, UUID> id, Function<T, String> label, Function<T, Map<String, String>> fields) {
		Map<UUID, T> old = new LinkedHashMap<>();
		before.forEach(x -> old.put(id.apply(x), x));
		Map<UUID, T> now = new LinkedHashMap<>();
		after.forEach(x -> now.put(id.apply(x), x));
		for (T x : before) {
			if (!now.containsKey(id.apply(x))) {
				out.add(new PlanDiff.Change(section, id.apply(x), PlanDiff.Kind.REMOVED, label.apply(x), List.of()));
			}
		}
		for (T x : after) {
			T was = old.get(id.apply(x));
			if (was == null) {
				out.add(new PlanDiff.Change(section, id.apply(x), PlanDiff.Kind.ADDED, label.apply(x), List.of()));
				continue;
			}
			Map<String, String> f0 = fields.apply(was);
			Map<String, String> f1 = fields.apply(x);
			List<PlanDiff.FieldChange> changed = new ArrayList<>();
			for (String field : f1.keySet()) {
				if (!Objects.equals(f0.get(field), f1.get(field))) {
					changed.add(new PlanDiff.FieldChange(field, f0.get(field), f1.get(field)));
				}
			}
			if (!changed.isEmpty()) out.add(new PlanDiff.Change(section, id.apply(x), PlanDiff.Kind.CHANGED, label.apply(x), changed));
		}
	}

	private static Map<String, String> fields(CarePlanContent.Problem p) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("text", p.text());
		m.put("code", p.code() == null ? null : p.codeSystem() + "|" + p.code());
		m.put("status", p.status().name());
		return m;
	}

	private static Map<String, String> fields(CarePlanContent.Goal g) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("text", g.text());
		m.put("target", g.target());
		m.put("term", g.term().name());
		m.put("targetDate", str(g.targetDate()));
		m.put("lifecycle", g.lifecycle().name());
		m.put("achievement", g.achievement().name());
		m.put("problem", g.problemId() == null ? null : g.problemId().toString());
		return m;
	}

	private static Map<String, String> fields(CarePlanContent.Intervention i) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("text", i.text());
		m.put("owner", i.owner().name());
		m.put("ownerName", i.ownerName());
		m.put("frequency", i.frequency());
		m.put("status", i.status().name());
		m.put("goal", i.goalId() == null ? null : i.goalId().toString());
		return m;
	}

	private static Map<String, String> fields(CarePlanContent.Barrier b) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("text", b.text());
		m.put("response", b.response());
		return m;
	}

	private static @Nullable String str(@Nullable Object o) {
		return o == null ? null : o.toString();
	}
}
