package org.caremap.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent.Achievement;
import org.caremap.careplan.CarePlanContent.Barrier;
import org.caremap.careplan.CarePlanContent.Goal;
import org.caremap.careplan.CarePlanContent.Intervention;
import org.caremap.careplan.CarePlanContent.Lifecycle;
import org.caremap.careplan.CarePlanContent.Owner;
import org.caremap.careplan.CarePlanContent.Problem;
import org.caremap.careplan.CarePlanContent.ProblemStatus;
import org.caremap.careplan.CarePlanContent.Term;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Care-plan versions: every save is a new version, earlier versions stay exactly as they were (the database
 * refuses to change them), a stale or invalid save leaves nothing behind, and the difference between two versions
 * names exactly what was added, removed and changed.
 */
class CarePlanVersionsIT extends IntegrationTest {

	@Autowired CarePlans plans;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors;
	PatientId patient;
	CaseId caseId;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		ZoneId zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().get(0);
		patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Planner");
		caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.MODERATE, "new diagnosis")));
	}

	private static final UUID P = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
	private static final UUID G = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
	private static final UUID I = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
	private static final UUID B = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

	private static Problem problem() {
		return new Problem(P, "Diabetes not under control", "http://hl7.org/fhir/sid/icd-10-cm", "E11.65", null,
				ProblemStatus.ACTIVE, null, Map.of());
	}

	private static Goal goal(String target) {
		return new Goal(G, P, "I want to keep my sugar in range", target, Term.SHORT, LocalDate.of(2027, 3, 1),
				Lifecycle.ACTIVE, Achievement.IN_PROGRESS, null, Map.of(), Map.of());
	}

	private static Intervention intervention() {
		return new Intervention(I, G, "Teach glucose self-monitoring", Owner.CASE_MANAGER, null, "weekly",
				CarePlanContent.InterventionStatus.PLANNED, null, Map.of(), Map.of());
	}

	private int versions(UUID plan) {
		return jdbc.sql("select count(*) from care_plan_version where plan_id = ?").param(plan).query(Integer.class).single();
	}

	@Test
	void historyIsNeverLostAndTheDiffNamesExactlyWhatChanged() {
		actors.run("casemanager", () -> {
			CarePlanView v1 = plans.open(caseId);
			assertThat(v1.version()).isEqualTo(1);
			assertThat(v1.content().isEmpty()).isTrue();
			UUID plan = v1.id();

			int v2 = plans.save(plan, 1, new CarePlanContent(List.of(problem()), List.of(goal("A1c below 8% by March")),
					List.of(intervention()), List.of()), "First plan written with the patient");
			assertThat(v2).isEqualTo(2);
			int v3 = plans.save(plan, 2, new CarePlanContent(List.of(problem()), List.of(goal("A1c below 7.5% by March")),
					List.of(), List.of(new Barrier(B, "No glucose meter at home", "Ask the pharmacy", null, Map.of()))),
					"Target tightened; teaching done by the clinic");
			assertThat(v3).isEqualTo(3);

			// 2 -> 3: the goal's target changed, the intervention went, the barrier came; nothing else
			PlanDiff d23 = plans.diff(plan, 2, 3);
			assertThat(d23.changes()).hasSize(3);
			assertThat(d23.changes()).anySatisfy(c -> {
				assertThat(c.section()).isEqualTo("goals");
				assertThat(c.item()).isEqualTo(G);
				assertThat(c.kind()).isEqualTo(PlanDiff.Kind.CHANGED);
				assertThat(c.fields()).containsExactly(
						new PlanDiff.FieldChange("target", "A1c below 8% by March", "A1c below 7.5% by March"));
			});
			assertThat(d23.changes()).anySatisfy(c -> {
				assertThat(c.section()).isEqualTo("interventions");
				assertThat(c.kind()).isEqualTo(PlanDiff.Kind.REMOVED);
				assertThat(c.label()).isEqualTo("Teach glucose self-monitoring");
			});
			assertThat(d23.changes()).anySatisfy(c -> {
				assertThat(c.section()).isEqualTo("barriers");
				assertThat(c.kind()).isEqualTo(PlanDiff.Kind.ADDED);
				assertThat(c.label()).isEqualTo("No glucose meter at home");
			});
			// 1 -> 3: three items added; the intervention that came and went is in neither
			PlanDiff d13 = plans.diff(plan, 1, 3);
			assertThat(d13.changes()).extracting(PlanDiff.Change::kind).containsOnly(PlanDiff.Kind.ADDED);
			assertThat(d13.changes()).extracting(PlanDiff.Change::item).containsExactlyInAnyOrder(P, G, B);
			// the same versions compared backwards say the opposite
			assertThat(plans.diff(plan, 3, 2).changes()).extracting(PlanDiff.Change::kind)
				.containsExactlyInAnyOrder(PlanDiff.Kind.CHANGED, PlanDiff.Kind.ADDED, PlanDiff.Kind.REMOVED);
			assertThat(plans.diff(plan, 3, 3).changes()).isEmpty();

			// every version is still there, as written, with author and reason
			assertThat(plans.version(plan, 2).orElseThrow().interventions()).containsExactly(intervention());
			assertThat(plans.version(plan, 2).orElseThrow().goals().get(0).target()).isEqualTo("A1c below 8% by March");
			CarePlanView now = plans.find(plan).orElseThrow();
			assertThat(now.versions()).extracting(CarePlanView.VersionInfo::version).containsExactly(3, 2, 1);
			assertThat(now.versions()).extracting(CarePlanView.VersionInfo::reason).containsExactly(
					"Target tightened; teaching done by the clinic", "First plan written with the patient", "Care plan started");
			assertThat(now.versions()).extracting(CarePlanView.VersionInfo::author).containsOnly("casemanager");

			// a stale save (made against version 2) is refused and writes nothing
			assertThatThrownBy(() -> plans.save(plan, 2, CarePlanContent.empty(), "overwrite"))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("careplan.stale"));
			// an invalid plan (a goal without a measurable target) is refused and writes nothing
			assertThatThrownBy(() -> plans.save(plan, 3, new CarePlanContent(List.of(problem()), List.of(goal(" ")),
					List.of(), List.of()), "no target"))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("careplan.goal-target"));
			assertThatThrownBy(() -> plans.save(plan, 3, new CarePlanContent(List.of(problem()), List.of(goal("x")), List.of(),
					List.of()), " "))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("careplan.reason-required"));
			assertThat(versions(plan)).isEqualTo(3);
			assertThat(plans.find(plan).orElseThrow().version()).isEqualTo(3);
		});

		// not even the application's own database role can rewrite or remove a version
		UUID plan = jdbc.sql("select id from care_plan where case_id = ?").param(caseId.value()).query(UUID.class).single();
		assertThatThrownBy(() -> jdbc.sql("update care_plan_version set reason = 'rewritten' where plan_id = ?").param(plan).update())
			.hasMessageContaining("care plan versions cannot be changed or deleted");
		assertThatThrownBy(() -> jdbc.sql("delete from care_plan_version where plan_id = ?").param(plan).update())
			.hasMessageContaining("care plan versions cannot be changed or deleted");
		assertThat(versions(plan)).isEqualTo(3);
	}

	@Test
	void aTemplateAddsEditableItemsAndAnEditedTextLosesItsStaleTranslation() {
		actors.run("casemanager", () -> {
			CarePlanView plan = plans.open(caseId);
			int v = plans.applyTemplate(plan.id(), plan.version(), "food-insecurity");
			CarePlanView applied = plans.find(plan.id()).orElseThrow();
			assertThat(applied.version()).isEqualTo(v);
			assertThat(applied.versions().get(0).reason()).startsWith("Applied template: Food insecurity");
			assertThat(applied.content().goals()).isNotEmpty().allSatisfy(g -> {
				assertThat(g.template()).isEqualTo("food-insecurity");
				assertThat(g.translations()).containsKey("es");
			});
			Goal first = applied.content().goals().get(0);
			Goal other = applied.content().goals().get(1);
			plans.save(plan.id(), v, applied.content().withGoal(first.id(), g -> new Goal(g.id(), g.problemId(),
					"I will shop at the market on Saturdays", g.target(), g.term(), g.targetDate(), g.lifecycle(), g.achievement(),
					g.template(), g.translations(), g.targetTranslations())), "Patient's own words");
			CarePlanView edited = plans.find(plan.id()).orElseThrow();
			assertThat(edited.content().goal(first.id()).orElseThrow().translations()).isEmpty();
			assertThat(edited.content().goal(first.id()).orElseThrow().targetTranslations()).containsKey("es");
			assertThat(edited.content().goal(other.id()).orElseThrow().translations()).containsKey("es");
			// once applied, the template is no longer suggested
			assertThat(plans.suggestions(plan.id())).extracting(s -> s.template().key()).doesNotContain("food-insecurity");
		});
	}

	@Test
	void anotherCaseManagerCannotReadThePlanAndEveryReadIsAudited() {
		UUID plan = actors.as("casemanager", () -> plans.open(caseId).id());
		assertThatThrownBy(() -> actors.run("casemanager2", () -> plans.find(plan)))
			.isInstanceOf(AccessDeniedException.class);
		long before = jdbc.sql("select count(*) from audit_event where resource_type = 'CarePlan' and resource_id = ?")
			.param(plan.toString()).query(Long.class).single();
		actors.run("casemanager", () -> plans.find(plan));
		long after = jdbc.sql("select count(*) from audit_event where resource_type = 'CarePlan' and resource_id = ?")
			.param(plan.toString()).query(Long.class).single();
		assertThat(after).isEqualTo(before + 1);
	}
}
