package org.caremap.careplan.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.UserId;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A care plan and its goals as FHIR (US Core CarePlan and Goal): the plan's problems, goals and interventions, who
 * is responsible and who wrote it, the version as {@code meta.versionId}, and a short readable summary.
 */
@Component
class CarePlanFhir {

	static final String CAREPLAN_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan";
	static final String GOAL_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal";
	static final String CATEGORY_SYSTEM = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";
	static final String ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement";
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final Cases cases;

	CarePlanFhir(JdbcClient jdbc, UserAccounts accounts, Cases cases) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.cases = cases;
	}

	/** A plan with no problems, goals, interventions or barriers yet is a draft; a completed case's plan is completed. */
	static CarePlan.CarePlanStatus status(CarePlanView plan) {
		if ("COMPLETED".equals(plan.status())) return CarePlan.CarePlanStatus.COMPLETED;
		return plan.content().isEmpty() ? CarePlan.CarePlanStatus.DRAFT : CarePlan.CarePlanStatus.ACTIVE;
	}

	CarePlan carePlan(CarePlanView plan) {
		Times times = times(plan.id());
		@Nullable Reference manager = caseManager(plan.caseId());
		CarePlan fhir = new CarePlan();
		fhir.setId(plan.id().toString());
		fhir.getMeta().addProfile(CAREPLAN_PROFILE).setVersionId(Integer.toString(plan.version()))
			.setLastUpdated(Date.from(times.updated()));
		fhir.setStatus(status(plan));
		fhir.setIntent(CarePlan.CarePlanIntent.PLAN);
		fhir.addCategory(new CodeableConcept(new Coding(CATEGORY_SYSTEM, "assess-plan", "Assessment and Plan of Treatment")));
		fhir.setSubject(patient(plan));
		fhir.setTitle("Care plan");
		CarePlanContent content = plan.content();
		List<CarePlanContent.Problem> problems = content.problems();
		if (!problems.isEmpty()) {
			fhir.setDescription("Problems: " + String.join("; ", problems.stream().map(CarePlanFhir::problemText).toList()));
		}
		fhir.getPeriod().setStart(Date.from(times.created()));
		fhir.setCreated(Date.from(times.created()));
		if (manager != null) fhir.setAuthor(manager);
		Set<String> contributors = new LinkedHashSet<>();
		plan.versions().forEach(v -> contributors.add(v.author()));
		for (String author : contributors) practitioner(author).ifPresent(fhir::addContributor);
		for (CarePlanContent.Goal g : content.goals()) fhir.addGoal(new Reference("Goal/" + g.id()).setDisplay(g.text()));
		for (CarePlanContent.Intervention i : content.interventions()) {
			CarePlan.CarePlanActivityDetailComponent detail = fhir.addActivity().getDetail();
			detail.setStatus(activityStatus(i.status()));
			detail.setDescription(i.text());
			if (i.frequency() != null && !i.frequency().isBlank()) detail.setScheduled(new org.hl7.fhir.r4.model.StringType(i.frequency()));
			if (i.goalId() != null) detail.addGoal(new Reference("Goal/" + i.goalId()));
			Reference performer = performer(i, plan, manager);
			if (performer != null) detail.addPerformer(performer);
		}
		for (CarePlanContent.Barrier b : content.barriers()) {
			fhir.addNote(new Annotation().setText("Barrier: " + b.text()
					+ (b.response() == null || b.response().isBlank() ? "" : ". What we do about it: " + b.response())));
		}
		fhir.setText(new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED));
		fhir.getText().setDivAsString(narrative(plan, fhir.getStatus()));
		return fhir;
	}

	Goal goal(CarePlanView plan, CarePlanContent.Goal g) {
		Goal fhir = new Goal();
		fhir.setId(g.id().toString());
		List<CarePlanView.Progress> progress = plan.progressOf(g.id());
		Instant updated = times(plan.id()).updated();
		for (CarePlanView.Progress p : progress) {
			if (p.at().isAfter(updated)) updated = p.at();
		}
		fhir.getMeta().addProfile(GOAL_PROFILE).setVersionId(Integer.toString(plan.version())).setLastUpdated(Date.from(updated));
		fhir.setLifecycleStatus(Goal.GoalLifecycleStatus.fromCode(code(g.lifecycle().name())));
		String achievement = code(plan.achievement(g).name());
		fhir.setAchievementStatus(new CodeableConcept(new Coding(ACHIEVEMENT_SYSTEM, achievement, display(achievement))));
		fhir.setDescription(new CodeableConcept().setText(g.text()));
		fhir.setSubject(patient(plan));
		LocalDate start = startDate(plan.id(), g.id());
		if (start != null) fhir.setStart(new DateType(start.toString()));
		Goal.GoalTargetComponent target = fhir.addTarget();
		target.setMeasure(new CodeableConcept().setText(g.text()));
		target.setDetail(new org.hl7.fhir.r4.model.StringType(g.target()));
		if (g.targetDate() != null) target.setDue(new DateType(g.targetDate().toString()));
		// who expressed the goal (shared planning): the patient as the Patient resource; a family member or a clinician by name
		if (g.expressedBy() != null) {
			switch (g.expressedBy().by()) {
				case PATIENT -> fhir.setExpressedBy(patient(plan).copy().setDisplay(g.expressedBy().name()));
				default -> fhir.setExpressedBy(new Reference().setDisplay(g.expressedBy().name()));
			}
		}
		if (g.response() != null) {
			fhir.addNote(new Annotation().setText((g.response().answer() == CarePlanContent.Answer.ACCEPTED ? "Accepted" : "Declined")
					+ " by " + g.response().by() + " in the patient portal").setTime(Date.from(g.response().at()))
				.setAuthor(new org.hl7.fhir.r4.model.StringType(g.response().by())));
		}
		for (CarePlanView.Progress p : progress) {
			Annotation note = new Annotation().setText(display(code(p.achievement().name())) + ": " + p.note())
				.setTime(Date.from(p.at()));
			Optional<Reference> by = practitioner(p.by());
			if (by.isPresent()) note.setAuthor(by.get());
			else note.setAuthor(new org.hl7.fhir.r4.model.StringType(p.by()));
			fhir.addNote(note);
		}
		return fhir;
	}

	private static Reference patient(CarePlanView plan) {
		return new Reference("Patient/" + plan.patient().value());
	}

	private static String problemText(CarePlanContent.Problem p) {
		String coded = p.code() == null ? "" : " (" + p.code() + ")";
		String resolved = p.status() == CarePlanContent.ProblemStatus.RESOLVED ? ", resolved" : "";
		return p.text() + coded + resolved;
	}

	/** FHIR codes are the enum names in lower case with hyphens (ON_HOLD is on-hold). */
	static String code(String enumName) {
		return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The display of a code: its words capitalized (not-achieved is Not Achieved). */
	private static String display(String code) {
		StringBuilder out = new StringBuilder();
		for (String word : code.split("-")) {
			if (out.length() > 0) out.append(' ');
			out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
		}
		return out.toString();
	}

	private static CarePlan.CarePlanActivityStatus activityStatus(CarePlanContent.InterventionStatus status) {
		switch (status) {
			case PLANNED:
				return CarePlan.CarePlanActivityStatus.NOTSTARTED;
			case IN_PROGRESS:
				return CarePlan.CarePlanActivityStatus.INPROGRESS;
			case DONE:
				return CarePlan.CarePlanActivityStatus.COMPLETED;
			case STOPPED:
				return CarePlan.CarePlanActivityStatus.STOPPED;
			default:
				return CarePlan.CarePlanActivityStatus.UNKNOWN;
		}
	}

	private static @Nullable Reference performer(CarePlanContent.Intervention i, CarePlanView plan, @Nullable Reference manager) {
		switch (i.owner()) {
			case CASE_MANAGER:
				return manager;
			case PATIENT:
				return patient(plan);
			default:
				String who = i.ownerName() == null || i.ownerName().isBlank() ? display(code(i.owner().name())) : i.ownerName();
				return new Reference().setDisplay(who);
		}
	}

	private @Nullable Reference caseManager(CaseId caseId) {
		return cases.find(caseId).map(c -> practitioner(c.caseManager())).orElse(null);
	}

	private Reference practitioner(UserId user) {
		String name = accounts.displayNames(List.of(user)).get(user);
		return new Reference("Practitioner/" + user.value()).setDisplay(name);
	}

	/** Staff who wrote something, by their user name; Caremap itself and other systems are no Practitioner. */
	Optional<Reference> practitioner(String username) {
		return accounts.findByUsername(username)
			.map(u -> new Reference("Practitioner/" + u.id().value()).setDisplay(u.displayName()));
	}

	private record Times(Instant created, Instant updated) {
	}

	private Times times(UUID plan) {
		return jdbc.sql("select created_at, coalesce(updated_at, created_at) from care_plan where id = ?").param(plan)
			.query((rs, n) -> new Times(rs.getObject(1, OffsetDateTime.class).toInstant(),
					rs.getObject(2, OffsetDateTime.class).toInstant()))
			.single();
	}

	/** The day the goal first appeared in the plan. */
	private @Nullable LocalDate startDate(UUID plan, UUID goal) {
		String holding = JSON.writeValueAsString(List.of(Map.of("id", goal.toString())));
		return jdbc.sql("""
				select min(created_at) from care_plan_version where plan_id = ? and content -> 'goals' @> ?::jsonb""")
			.params(plan, holding).query(OffsetDateTime.class).optional()
			.map(OffsetDateTime::toLocalDate).orElse(null);
	}

	private static String narrative(CarePlanView plan, CarePlan.CarePlanStatus status) {
		CarePlanContent c = plan.content();
		StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
		div.append("<p><b>Care plan</b>, version ").append(plan.version()).append(", ").append(status.toCode()).append("</p>");
		if (c.isEmpty()) div.append("<p>Nothing has been planned yet.</p>");
		list(div, "Problems", c.problems().stream().map(CarePlanFhir::problemText).toList());
		list(div, "Goals", c.goals().stream().map(g -> g.text() + ". Target: " + g.target()
				+ (g.targetDate() == null ? "" : " by " + g.targetDate())).toList());
		list(div, "Interventions", c.interventions().stream().map(i -> i.text()
				+ (i.frequency() == null || i.frequency().isBlank() ? "" : ", " + i.frequency())
				+ " (" + code(i.status().name()) + ")").toList());
		list(div, "Barriers", c.barriers().stream().map(CarePlanContent.Barrier::text).toList());
		return div.append("</div>").toString();
	}

	private static void list(StringBuilder div, String heading, List<String> lines) {
		if (lines.isEmpty()) return;
		div.append("<p>").append(heading).append(":</p><ul>");
		for (String line : lines) div.append("<li>").append(escape(line)).append("</li>");
		div.append("</ul>");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}
}
