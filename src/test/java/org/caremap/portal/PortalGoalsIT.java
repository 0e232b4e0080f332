package org.caremap.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.careplan.SharedPlanning;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.SupportContact;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.PortalFixtures;
import org.caremap.support.PortalLogins;
import org.caremap.support.PortalLogins.PortalLogin;
import org.caremap.support.PortalWorkFixtures;
import org.caremap.support.Race;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Shared care planning over real HTTP: the patient proposes goals in their own words, the case manager adopts one (a
 * new version, the goal expressed by the patient) and declines another with a reason the patient reads; the patient
 * accepts a goal the team proposed and declines a planned step, each answer in the next version; nobody else does.
 */
class PortalGoalsIT extends IntegrationTest {

	@Autowired PortalAccounts accounts;
	@Autowired ApplicationContext context;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts users;
	@Autowired UserDetailsService details;
	@Autowired DemoLogins demo;
	@Autowired JdbcClient jdbc;
	@Autowired CarePlans plans;
	@Autowired SharedPlanning sharing;

	private Browserless signedIn(PortalLogin login) {
		Browserless b = client();
		assertThat(Browserless.location(PortalLogins.signIn(b, login))).endsWith("/portal");
		return b;
	}

	@Test
	void thePatientProposesTheTeamAdoptsOrDeclinesAndThePatientAnswersWhatTheTeamProposed() {
		String family = "Metas" + UUID.randomUUID().toString().substring(0, 6);
		PortalWorkFixtures.PortalPatient elena = PortalWorkFixtures.patientOnDanasCaseload(context, family, "Elena", "en");
		PatientId patient = elena.patient();
		CaseId caseId = elena.caseId();
		PortalLogin login = elena.login();
		Actors actors = new Actors(details);
		// the team's plan, with a goal it proposes and a step it plans
		UUID proposedGoal = UUID.randomUUID();
		UUID plannedStep = UUID.randomUUID();
		CarePlanView plan = actors.as("casemanager", () -> {
			CarePlanView v = plans.open(caseId);
			plans.save(v.id(), v.version(), new CarePlanContent(List.of(),
					List.of(new CarePlanContent.Goal(proposedGoal, null, "Check blood pressure at home", "Below 140/90 most days",
							CarePlanContent.Term.SHORT, null, CarePlanContent.Lifecycle.PROPOSED, CarePlanContent.Achievement.IN_PROGRESS,
							null, Map.of(), Map.of())),
					List.of(new CarePlanContent.Intervention(plannedStep, proposedGoal, "Weekly call from the nurse", CarePlanContent.Owner.CASE_MANAGER,
							null, "weekly", CarePlanContent.InterventionStatus.PLANNED, null, Map.of(), Map.of())),
					List.of()), "plan drafted with the patient");
			return plans.find(v.id()).orElseThrow();
		});

		Browserless portal = signedIn(login);
		HttpResponse<String> page = portal.get("/portal/goals/propose");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Check blood pressure at home").contains("Weekly call from the nurse")
			.contains("id=\"accept-" + proposedGoal + "\"").contains("id=\"no-proposals\"");

		// a field error, then two proposals in the patient's words
		HttpResponse<String> empty = portal.post("/portal/goals/propose", Map.of("text", "  "));
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).contains("Write your goal.");
		assertThat(Browserless.location(portal.post("/portal/goals/propose",
				Map.of("text", "I want to walk to church again", "why", "I miss my friends there")))).endsWith("/portal/goals/propose");
		portal.get("/portal/goals/propose");
		portal.post("/portal/goals/propose", Map.of("text", "Stop all my pills"));
		List<SharedPlanning.Proposal> proposals = actors.as("casemanager", () -> sharing.proposals(patient));
		assertThat(proposals).extracting(SharedPlanning.Proposal::text).containsExactly("Stop all my pills", "I want to walk to church again");
		UUID walk = proposals.get(1).id();
		UUID pills = proposals.get(0).id();

		// the case manager sees them on the care-plan page, adopts one with a target and declines the other
		Browserless dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
		String p = patient.value().toString();
		HttpResponse<String> carePlan = dana.get("/patients/" + p + "/care-plan?case=" + caseId.value());
		assertThat(carePlan.body()).contains("id=\"proposals\"").contains("I want to walk to church again").contains("I miss my friends there");
		HttpResponse<String> adopted = dana.post("/patients/" + p + "/care-plan/" + plan.id() + "/proposals/" + walk + "/adopt",
				Map.of("target", "Walk 10 minutes, 5 days a week"));
		assertThat(Browserless.location(adopted)).contains("/patients/" + p + "/care-plan");
		dana.get("/patients/" + p + "/care-plan?case=" + caseId.value());
		dana.post("/patients/" + p + "/care-plan/" + plan.id() + "/proposals/" + pills + "/decline",
				Map.of("reason", "Let us talk with Dr. Okafor first about which ones you can stop."));
		CarePlanView now = actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow());
		CarePlanContent.Goal goal = now.content().goals().stream().filter(g -> g.text().equals("I want to walk to church again")).findFirst().orElseThrow();
		assertThat(goal.expressedBy()).isEqualTo(new CarePlanContent.Expressed(CarePlanContent.ExpressedBy.PATIENT, "Elena " + family));
		assertThat(goal.lifecycle()).isEqualTo(CarePlanContent.Lifecycle.ACCEPTED);
		assertThat(now.versions().get(0).reason()).contains("proposed by Elena " + family);
		assertThat(dana.get("/patients/" + p + "/care-plan?case=" + caseId.value()).body()).contains("Goal of Elena " + family)
			.doesNotContain("id=\"proposals\"");
		// a team edit of the goal keeps who expressed it
		actors.run("casemanager", () -> {
			CarePlanView v = plans.find(plan.id()).orElseThrow();
			plans.save(v.id(), v.version(), v.content().withGoal(goal.id(), g -> new CarePlanContent.Goal(g.id(), g.problemId(), g.text(),
					"Walk 15 minutes, 5 days a week", g.term(), g.targetDate(), g.lifecycle(), g.achievement(), g.template(),
					g.translations(), g.targetTranslations())), "target raised");
		});
		assertThat(actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow()).content().goal(goal.id()).orElseThrow().expressedBy())
			.isNotNull();

		// the patient reads the answers
		HttpResponse<String> answers = portal.get("/portal/goals/propose");
		assertThat(answers.body()).contains("In your care plan").contains("Not added")
			.contains("Let us talk with Dr. Okafor first about which ones you can stop.");

		// the patient accepts the proposed goal and declines the planned step: each answer is a new version
		int before = actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow()).version();
		assertThat(Browserless.location(portal.post("/portal/goals/" + plan.id() + "/items/" + proposedGoal, Map.of("answer", "ACCEPTED"))))
			.endsWith("/portal/goals/propose");
		portal.get("/portal/goals/propose");
		portal.post("/portal/goals/" + plan.id() + "/items/" + plannedStep, Map.of("answer", "DECLINED"));
		CarePlanView answered = actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow());
		assertThat(answered.version()).isEqualTo(before + 2);
		assertThat(answered.versions().get(0).reason()).isEqualTo("Declined by Elena " + family + " in the patient portal: intervention");
		assertThat(answered.versions().get(1).reason()).isEqualTo("Accepted by Elena " + family + " in the patient portal: goal");
		CarePlanContent.Goal accepted = answered.content().goal(proposedGoal).orElseThrow();
		assertThat(accepted.lifecycle()).isEqualTo(CarePlanContent.Lifecycle.ACCEPTED);
		assertThat(accepted.response().answer()).isEqualTo(CarePlanContent.Answer.ACCEPTED);
		CarePlanContent.Intervention declined = answered.content().interventions().get(0);
		assertThat(declined.status()).isEqualTo(CarePlanContent.InterventionStatus.STOPPED);
		assertThat(declined.response().answer()).isEqualTo(CarePlanContent.Answer.DECLINED);
		assertThat(dana.get("/patients/" + p + "/care-plan?case=" + caseId.value()).body()).contains("Accepted by Elena " + family)
			.contains("Declined by Elena " + family);
		// answered already: not again
		portal.get("/portal/goals/propose");
		portal.post("/portal/goals/" + plan.id() + "/items/" + proposedGoal, Map.of("answer", "DECLINED"));
		assertThat(actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow()).version()).isEqualTo(answered.version());
	}

	@Test
	void onlyThePatientSharesInPlanningAndADecidedProposalStaysDecided() {
		String family = "Solo" + UUID.randomUUID().toString().substring(0, 6);
		PortalWorkFixtures.PortalPatient tomas = PortalWorkFixtures.patientOnDanasCaseload(context, family, "Tomas", "en");
		PatientId patient = tomas.patient();
		CaseId caseId = tomas.caseId();
		PortalLogin login = tomas.login();
		UUID contact = PortalFixtures.contact(patients, patient, "Eva Plan", SupportContact.Disclosure.CARE_PLAN);
		PortalLogin proxy = PortalLogins.proxy(accounts, patient, contact, "Eva Plan");
		PortalLogin other = PortalWorkFixtures.patientOnDanasCaseload(context, family + "z", "Uma", "en").login();
		Actors actors = new Actors(details);
		UUID goal = UUID.randomUUID();
		CarePlanView plan = actors.as("casemanager", () -> {
			CarePlanView v = plans.open(caseId);
			plans.save(v.id(), v.version(), new CarePlanContent(List.of(), List.of(new CarePlanContent.Goal(goal, null, "Fewer falls",
					"No falls in 3 months", CarePlanContent.Term.SHORT, null, CarePlanContent.Lifecycle.PROPOSED,
					CarePlanContent.Achievement.IN_PROGRESS, null, Map.of(), Map.of())), List.of(), List.of()), "drafted");
			return plans.find(v.id()).orElseThrow();
		});

		// a proxy (even one who reads the plan) neither proposes nor answers
		Browserless eva = signedIn(proxy);
		assertThat(eva.get("/portal/goals/propose").statusCode()).isEqualTo(403);
		assertThat(eva.post("/portal/goals/propose", Map.of("text", "More visits")).statusCode()).isEqualTo(403);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, proxy, () -> sharing.respond(patient, plan.id(), goal,
				CarePlanContent.Answer.ACCEPTED))).isInstanceOf(AccessDeniedException.class);
		// another patient cannot answer this plan, nor read its proposals
		Browserless stranger = signedIn(other);
		stranger.get("/portal/goals/propose");
		assertThat(stranger.post("/portal/goals/" + plan.id() + "/items/" + goal, Map.of("answer", "DECLINED")).statusCode()).isEqualTo(403);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other, () -> sharing.proposals(patient)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, other, () -> sharing.propose(patient, "Mine now", null)))
			.isInstanceOf(AccessDeniedException.class);
		// staff do not propose in the patient's name, and the portal does not adopt
		assertThatThrownBy(() -> actors.as("casemanager", () -> sharing.propose(patient, "In your name", null)))
			.isInstanceOf(AccessDeniedException.class);
		UUID proposal = PortalWorkFixtures.asPortal(accounts, login, () -> sharing.propose(patient, "Sleep through the night", null));
		assertThatThrownBy(() -> PortalWorkFixtures.asPortal(accounts, login, () -> sharing.adopt(proposal, "6 hours", null)))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow()).content().goal(goal).orElseThrow().lifecycle())
			.isEqualTo(CarePlanContent.Lifecycle.PROPOSED);

		// the proposal's states, walked against the table written here: only PROPOSED moves, to ADOPTED or DECLINED
		Map<SharedPlanning.Status, Set<SharedPlanning.Status>> expected = Map.of(
				SharedPlanning.Status.PROPOSED, EnumSet.of(SharedPlanning.Status.ADOPTED, SharedPlanning.Status.DECLINED),
				SharedPlanning.Status.ADOPTED, EnumSet.noneOf(SharedPlanning.Status.class),
				SharedPlanning.Status.DECLINED, EnumSet.noneOf(SharedPlanning.Status.class));
		for (SharedPlanning.Status s : SharedPlanning.Status.values()) assertThat(s.next()).as(s.name()).isEqualTo(expected.get(s));
		actors.run("casemanager", () -> sharing.decline(proposal, "We will come back to it at the next visit."));
		List<String> refused = new ArrayList<>();
		for (Runnable again : List.<Runnable>of(() -> sharing.adopt(proposal, "6 hours", null), () -> sharing.decline(proposal, "again"))) {
			try {
				actors.run("casemanager", again);
			}
			catch (DomainException ex) {
				refused.add(ex.code());
			}
		}
		assertThat(refused).containsExactly("careplan.proposal-decided", "careplan.proposal-decided");
		assertThat(jdbc.sql("select status from care_plan_proposal where id = ?").param(proposal).query(String.class).single())
			.isEqualTo("DECLINED");
	}

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	@Test
	void aDoubleAnswerRecordsOneVersionTheReasonReadsInTheReadersLanguageAndTheGoalsInThePlansTranslation() throws Exception {
		String family = "Doble" + UUID.randomUUID().toString().substring(0, 6);
		PortalWorkFixtures.PortalPatient lucia = PortalWorkFixtures.patientOnDanasCaseload(context, family, "Lucia", "es");
		Actors actors = new Actors(details);
		UUID goal = UUID.randomUUID();
		UUID step = UUID.randomUUID();
		CarePlanView plan = actors.as("casemanager", () -> {
			CarePlanView v = plans.open(lucia.caseId());
			plans.save(v.id(), v.version(), new CarePlanContent(List.of(),
					List.of(new CarePlanContent.Goal(goal, null, "Take my blood pressure at home", "Below 140/90 most days",
							CarePlanContent.Term.SHORT, null, CarePlanContent.Lifecycle.PROPOSED, CarePlanContent.Achievement.IN_PROGRESS,
							"bp-home", Map.of("es", "Tomarme la presión en casa"), Map.of("es", "Menos de 140/90 la mayoría de los días"))),
					List.of(new CarePlanContent.Intervention(step, goal, "Weekly call from the nurse", CarePlanContent.Owner.CASE_MANAGER,
							null, "weekly", CarePlanContent.InterventionStatus.PLANNED, "nurse-call",
							Map.of("es", "Llamada semanal de la enfermera"), Map.of())),
					List.of()), "plan drafted with the patient");
			return plans.find(v.id()).orElseThrow();
		});

		// the shared-planning page reads the team's goals in the plan's Spanish
		String page = signedIn(lucia.login()).get("/portal/goals/propose").body();
		assertThat(page).contains("Tomarme la presión en casa").contains("Menos de 140/90 la mayoría de los días")
			.contains("Llamada semanal de la enfermera").doesNotContain("Take my blood pressure at home")
			.doesNotContain("Weekly call from the nurse");

		// two answers at once (a double submit): the second waits for the first under the plan's lock, then is refused
		int before = plan.version();
		Race.Outcome outcome = Race.run(transactions, jdbc, "%from care_plan where id = $1 for update%",
				() -> PortalWorkFixtures.asPortal(accounts, lucia.login(),
						() -> sharing.respond(lucia.patient(), plan.id(), goal, CarePlanContent.Answer.ACCEPTED)),
				() -> PortalWorkFixtures.asPortal(accounts, lucia.login(),
						() -> sharing.respond(lucia.patient(), plan.id(), goal, CarePlanContent.Answer.ACCEPTED)));
		assertThat(outcome.first()).isEqualTo(before + 1);
		assertThat(outcome.second()).isInstanceOfSatisfying(DomainException.class,
				ex -> assertThat(ex.code()).isEqualTo("careplan.not-proposed"));
		CarePlanView answered = actors.as("casemanager", () -> plans.find(plan.id()).orElseThrow());
		assertThat(answered.version()).isEqualTo(before + 1);
		assertThat(jdbc.sql("select count(*) from care_plan_version where plan_id = ? and reason_key = 'careplan.version.goalAccepted'")
			.param(plan.id()).query(Long.class).single()).isOne();

		// the reason it wrote reads in each reader's language
		Browserless dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
		String history = "/patients/" + lucia.patient().value() + "/care-plan/" + plan.id() + "/history";
		assertThat(dana.get(history).body()).contains("Accepted by Lucia " + family + " in the patient portal: goal");
		assertThat(dana.get(history + "?uilang=es").body()).contains("Aceptada por Lucia " + family + " en el portal del paciente: meta")
			.doesNotContain("Accepted by Lucia");
	}
}
