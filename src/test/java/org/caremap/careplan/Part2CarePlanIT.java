package org.caremap.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Labels;
import org.caremap.careplan.CarePlanContent.Achievement;
import org.caremap.careplan.CarePlanContent.Goal;
import org.caremap.careplan.CarePlanContent.Lifecycle;
import org.caremap.careplan.CarePlanContent.Problem;
import org.caremap.careplan.CarePlanContent.ProblemStatus;
import org.caremap.careplan.CarePlanContent.Term;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Part2Fixtures;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.WithheldRecord;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A care plan is made in its case: the plan of a case in a 42 CFR Part 2 program is shown with the label to the
 * program's case manager, withheld (counted) from the case manager of the patient's other program on the plan page,
 * its history, the patient copy, the timeline and CarePlan/Goal FHIR; shown with the notice (page and printed copy)
 * under the patient's consent; shown after break-the-glass.
 */
class Part2CarePlanIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String WITHHELD_ONE = "1 record from a confidential substance-use program is withheld from you";
	private static final String NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

	@Autowired CarePlans plans;
	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DisclosureConsents consents;
	@Autowired BreakGlass glass;
	@Autowired ApiClients clients;

	Actors actors;
	Part2Fixtures fixtures;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		fixtures = new Part2Fixtures(actors, cases, patients, programs, organizations, accounts);
	}

	/** The two plans: the Part 2 case's (written by Dana) and the standard case's (by Marcus). */
	record Plans(Part2Fixtures.Enrolled p, UUID part2Plan, UUID part2Goal, UUID standardPlan) {
	}

	private Plans plans(String family) {
		var p = fixtures.enrolled(family);
		UUID goal = UUID.randomUUID();
		UUID part2 = actors.as(Part2Fixtures.INSIDE, () -> write(p.part2Case(), "Stay in recovery-goal-text", goal,
				"recovery-plan-reason"));
		UUID standard = actors.as(Part2Fixtures.OUTSIDE, () -> write(p.standardCase(), "Walk every day", UUID.randomUUID(),
				"complex-plan-reason"));
		return new Plans(p, part2, goal, standard);
	}

	private UUID write(CaseId caseId, String goalText, UUID goalId, String reason) {
		CarePlanView plan = plans.open(caseId);
		UUID problem = UUID.randomUUID();
		plans.save(plan.id(), plan.version(), new CarePlanContent(
				List.of(new Problem(problem, "Problem of " + goalText, null, null, null, ProblemStatus.ACTIVE, null, Map.of())),
				List.of(new Goal(goalId, problem, goalText, "every week", Term.SHORT, LocalDate.of(2027, 6, 1),
						Lifecycle.ACTIVE, Achievement.IN_PROGRESS, null, Map.of(), Map.of())),
				List.of(), List.of()), reason);
		return plan.id();
	}

	@Test
	void theProgramsCaseManagerSeesThePlanAndTheOtherCaseManagerDoesNot() {
		Plans x = plans("PlanSegmented");
		String patient = "/patients/" + x.p().patient();

		Browserless dana = staffClient(Part2Fixtures.INSIDE);
		assertThat(dana.get(patient + "/care-plan?case=" + x.p().part2Case()).body())
			.contains("Stay in recovery-goal-text", "cm-part2-label").doesNotContain(WITHHELD_ONE, NOTICE);
		assertThat(dana.get(patient + "/timeline").body()).contains("recovery-plan-reason", "complex-plan-reason");

		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		String page = marcus.get(patient + "/care-plan").body();
		assertThat(page).contains("Walk every day", WITHHELD_ONE).doesNotContain("recovery-goal-text", "cm-part2-label");
		assertThat(marcus.get(patient + "/care-plan?case=" + x.p().part2Case()).body()).doesNotContain("recovery-goal-text");
		assertThat(marcus.get(patient + "/care-plan/" + x.part2Plan() + "/history").statusCode()).isEqualTo(403);
		assertThat(marcus.get(patient + "/care-plan/" + x.standardPlan() + "/history").statusCode()).isEqualTo(200);
		assertThat(marcus.get(patient + "/care-plan/" + x.part2Plan() + "/copy.pdf?lang=en").statusCode()).isEqualTo(403);
		String timeline = marcus.get(patient + "/timeline").body();
		assertThat(timeline).contains("complex-plan-reason").doesNotContain("recovery-plan-reason");
		// nor may he change it
		marcus.get(patient + "/care-plan");
		HttpResponse<String> progress = marcus.post(patient + "/care-plan/" + x.part2Plan() + "/goals/" + x.part2Goal() + "/progress",
				Map.of("achievement", "ACHIEVED", "note", "not his to record"));
		assertThat(progress.statusCode()).isEqualTo(403);
		actors.run(Part2Fixtures.OUTSIDE, () -> {
			assertThat(plans.ofPatient(x.p().patient())).extracting(CarePlanView::id).containsExactly(x.standardPlan());
			assertThatThrownBy(() -> plans.find(x.part2Plan())).isInstanceOf(WithheldRecord.class);
			assertThatThrownBy(() -> plans.withGoal(x.part2Goal())).isInstanceOf(WithheldRecord.class);
		});
	}

	@Test
	void underTheConsentThePlanAndItsPrintedCopyCarryTheNoticeAndBreakTheGlassShowsIt() throws Exception {
		Plans x = plans("PlanConsented");
		fixtures.consentForOutside(consents, x.p().patient());
		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		String patient = "/patients/" + x.p().patient();
		assertThat(marcus.get(patient + "/care-plan?case=" + x.p().part2Case()).body())
			.contains("Stay in recovery-goal-text", "cm-part2-label", NOTICE).doesNotContain(WITHHELD_ONE);
		// the standard plan carries no notice of its own; the chart's header keeps the short one in view on every tab
		assertThat(marcus.get(patient + "/care-plan?case=" + x.p().standardCase()).body()).doesNotContain("cm-part2-notice")
			.contains("id=\"part2-notice\"");
		String copy = actors.as(Part2Fixtures.OUTSIDE, () -> text(plans.patientCopy(x.part2Plan(), "en")));
		assertThat(copy).contains("Stay in recovery-goal-text", "Notice: confidential substance-use records",
				"protected by Federal confidentiality rules (42 CFR part 2)");
		String own = actors.as(Part2Fixtures.INSIDE, () -> text(plans.patientCopy(x.part2Plan(), "en")));
		assertThat(own).contains("Stay in recovery-goal-text").doesNotContain("42 CFR part 2");

		Plans y = plans("PlanEmergency");
		String other = "/patients/" + y.p().patient();
		assertThat(marcus.get(other + "/care-plan/" + y.part2Plan() + "/history").statusCode()).isEqualTo(403);
		fixtures.breakGlass(glass, y.p().patient());
		assertThat(marcus.get(other + "/care-plan/" + y.part2Plan() + "/history").statusCode()).isEqualTo(200);
		assertThat(marcus.get(other + "/care-plan?case=" + y.p().part2Case()).body())
			.contains("Stay in recovery-goal-text", "cm-part2-label").doesNotContain(NOTICE, WITHHELD_ONE);
	}

	@Test
	void fhirWithholdsCountsAndLabelsCarePlansAndGoals() throws Exception {
		Plans x = plans("PlanFhir");
		ApiClients.Credentials ehr = Tokens.register(actors, clients, "Plan platform " + UUID.randomUUID(), "system/*.cruds");
		FhirHttp api = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));

		Bundle outside = bundle(api.get("/fhir/CarePlan?patient=Patient/" + x.p().patient()));
		assertThat(ids(outside, "CarePlan")).containsExactly(x.standardPlan().toString());
		assertThat(outside.getTotal()).isEqualTo(1);
		assertThat(outcome(outside).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.SUPPRESSED);
		Bundle goals = bundle(api.get("/fhir/Goal?patient=Patient/" + x.p().patient()));
		assertThat(ids(goals, "Goal")).hasSize(1).doesNotContain(x.part2Goal().toString());
		assertThat(outcome(goals).getIssueFirstRep().getDiagnostics()).startsWith("1 resource(s) withheld");
		assertThat(api.get("/fhir/CarePlan/" + x.part2Plan()).statusCode()).isEqualTo(403);
		assertThat(api.get("/fhir/Goal/" + x.part2Goal()).statusCode()).isEqualTo(403);
		assertThat(api.get("/fhir/CarePlan/" + x.standardPlan()).statusCode()).isEqualTo(200);

		fixtures.consentForClient(consents, x.p().patient(), ehr.clientId());
		Bundle shown = bundle(api.get("/fhir/CarePlan?patient=Patient/" + x.p().patient() + "&_include=CarePlan:goal"));
		assertThat(ids(shown, "CarePlan")).containsExactlyInAnyOrder(x.part2Plan().toString(), x.standardPlan().toString());
		for (Bundle.BundleEntryComponent e : shown.getEntry()) {
			if (!(e.getResource() instanceof org.hl7.fhir.r4.model.CarePlan plan)) continue;
			assertThat(Part2Labels.labelled(plan)).isEqualTo(plan.getIdPart().equals(x.part2Plan().toString()));
		}
		assertThat(outcome(shown).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("42 CFR part 2"));
		HttpResponse<String> goal = api.get("/fhir/Goal/" + x.part2Goal());
		assertThat(goal.statusCode()).isEqualTo(200);
		assertThat(Part2Labels.labelled(FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.Goal.class, goal.body()))).isTrue();
	}

	private static String text(byte[] pdf) {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static List<String> ids(Bundle bundle, String type) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE)
			.map(Bundle.BundleEntryComponent::getResource).filter(r -> r.fhirType().equals(type)).map(Resource::getIdPart)
			.toList();
	}

	private static OperationOutcome outcome(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
			.map(e -> (OperationOutcome) e.getResource()).findFirst().orElseThrow(() -> new AssertionError("no outcome entry"));
	}
}
