package org.caremap.assessment.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Labels;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AssessmentFlag;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.ScorePoint;
import org.caremap.assessment.Shown;
import org.caremap.caseload.CaseFlag;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseSignals;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.WithheldRecord;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Part2People;
import org.caremap.support.Today;
import org.caremap.timeline.Timeline;
import org.caremap.timeline.TimelineEntry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * 42 CFR Part 2 on assessments: a PHQ-9 completed in the substance-use program's case with thoughts of self-harm (an
 * urgent flag) and an AUDIT-C in the patient's standard case. The program's case manager sees both, the PHQ-9 and
 * its flag labelled, the flag in the chart's header and on the caseload row. The standard case's manager sees the
 * AUDIT-C and that one assessment was withheld, and nothing of the PHQ-9: not its page (403), its flag (header,
 * assessments tab, caseload row), its score, its timeline entry, nor its QuestionnaireResponse (search count and
 * outcome entry; read 403). Under the patient's consent it is shown with the notice; in an emergency too.
 */
class AssessmentPart2IT extends IntegrationTest {

	private static final String NOT_AT_ALL = "LA6568-5";
	private static final String SEVERAL_DAYS = "LA6569-3";

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired UserDetailsService users;
	@Autowired Assessments assessments;
	@Autowired Timeline timeline;
	@Autowired List<CaseSignals> signals;
	@Autowired QuestionnaireResponseResourceProvider provider;
	@Autowired DisclosureConsents consents;
	@Autowired BreakGlass glass;

	private Part2People p;

	private UUID complete(UserView who, CaseId caseId, String instrument, Answers answers) {
		return p.actors.as(who.username(), () -> {
			UUID id = assessments.assign(p.patient, caseId, instrument, Today.date());
			assessments.complete(id, answers, null, 0);
			return id;
		});
	}

	private static Answers phq9WithSelfHarm() {
		Map<String, List<String>> answers = new LinkedHashMap<>();
		for (int i = 1; i <= 8; i++) answers.put("phq9-" + i, List.of(NOT_AT_ALL));
		answers.put("phq9-9", List.of(SEVERAL_DAYS));
		answers.put("phq9-difficulty", List.of("LA6572-7"));
		return Answers.of(answers);
	}

	private Browserless signedIn(UserView who) {
		Browserless b = client();
		assertThat(Browserless.location(b.login(who.username(), Part2People.PASSWORD))).doesNotContain("error");
		return b;
	}

	private <T> T as(UserView who, java.util.function.Supplier<T> work) {
		return p.actors.as(who.username(), work);
	}

	private List<CaseFlag> caseFlags(UserView who, CaseId caseId) {
		return as(who, () -> signals.stream().flatMap(s -> s.flags(Map.of(caseId, p.patient)).getOrDefault(caseId, List.of()).stream())
			.toList());
	}

	private List<IBaseResource> search(UserView who) {
		return as(who, () -> {
			IBundleProvider found = provider.search(new ReferenceParam("Patient/" + p.patient.value()), null, null, null, null, null,
					null, null);
			List<IBaseResource> all = found.getResources(0, 50);
			assertThat(found.size()).as("the total counts what is shown")
				.isEqualTo((int) all.stream().filter(r -> r instanceof QuestionnaireResponse).count());
			return all;
		});
	}

	private static List<QuestionnaireResponse> responses(List<IBaseResource> found) {
		return found.stream().filter(r -> r instanceof QuestionnaireResponse).map(r -> (QuestionnaireResponse) r).toList();
	}

	private static List<OperationOutcome> outcomes(List<IBaseResource> found) {
		return found.stream().filter(r -> r instanceof OperationOutcome).map(r -> (OperationOutcome) r).toList();
	}

	@Test
	void theProgramsAssessmentAndItsSafetyFlagAreWithheldFromReadersOutsideIt() {
		p = new Part2People(accounts, organizations, programs, registry, cases, users);
		UUID phq9 = complete(p.inside, p.part2Case, "phq-9", phq9WithSelfHarm());
		UUID auditC = complete(p.outside, p.standardCase, "audit-c",
				Answers.single("auditc-1", "LA6270-8", "auditc-2", "none", "auditc-3", "LA6270-8"));
		String assessmentsPage = "/patients/" + p.patient.value() + "/assessments";

		// inside the program: both, the PHQ-9 and its urgent flag labelled; the flag in the header and on the case row
		Shown<AssessmentView> inside = as(p.inside, () -> assessments.shown(p.patient));
		assertThat(inside.rows()).extracting(AssessmentView::id).containsExactlyInAnyOrder(phq9, auditC);
		assertThat(inside.rows()).filteredOn(AssessmentView::part2).extracting(AssessmentView::id).containsExactly(phq9);
		assertThat(as(p.inside, () -> assessments.flags(p.patient))).singleElement().satisfies(f -> {
			assertThat(f.assessmentId()).isEqualTo(phq9);
			assertThat(f.part2()).isTrue();
		});
		assertThat(caseFlags(p.inside, p.part2Case)).extracting(CaseFlag::code).contains("safety");
		HttpResponse<String> page = signedIn(p.inside).get(assessmentsPage);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Thoughts of self-harm reported").contains("data-flag").contains("data-part2")
			.doesNotContain("data-part2-withheld");

		// outside: the AUDIT-C, one withheld, nothing of the PHQ-9 anywhere
		Shown<AssessmentView> outside = as(p.outside, () -> assessments.shown(p.patient));
		assertThat(outside.rows()).extracting(AssessmentView::id).containsExactly(auditC);
		assertThat(outside.withheld()).isOne();
		assertThat(as(p.outside, () -> assessments.flags(p.patient))).isEmpty();
		assertThat(as(p.outside, () -> assessments.history(p.patient))).extracting(ScorePoint::assessmentId).containsExactly(auditC);
		assertThat(caseFlags(p.outside, p.standardCase)).extracting(CaseFlag::code).doesNotContain("safety");
		assertThat(as(p.outside, () -> timeline.of(p.patient))).extracting(TimelineEntry::link)
			.noneMatch(l -> l != null && l.endsWith(phq9.toString()))
			.anyMatch(l -> l != null && l.endsWith(auditC.toString()));
		Browserless oscar = signedIn(p.outside);
		page = oscar.get(assessmentsPage);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("Thoughts of self-harm reported").doesNotContain("data-flag")
			.doesNotContain(phq9.toString()).contains(auditC.toString())
			.contains("1 record from a confidential substance-use program is withheld from you (42 CFR Part 2).");
		assertThat(oscar.get("/patients/" + p.patient.value()).body()).doesNotContain("Thoughts of self-harm reported");
		assertThat(oscar.get(assessmentsPage + "/" + phq9).statusCode()).isEqualTo(403);
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> assessments.find(phq9))).isInstanceOf(WithheldRecord.class);
		UUID flag = as(p.inside, () -> assessments.flags(p.patient)).get(0).id();
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> assessments.addressFlag(flag, "Called")))
			.isInstanceOf(WithheldRecord.class);
		assertThat(as(p.inside, () -> assessments.flags(p.patient))).allMatch(AssessmentFlag::open);
		List<IBaseResource> found = search(p.outside);
		assertThat(responses(found)).extracting(r -> r.getIdElement().getIdPart()).containsExactly(auditC.toString());
		assertThat(outcomes(found)).singleElement().satisfies(o -> assertThat(o.getIssue()).singleElement()
			.satisfies(i -> assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.SUPPRESSED)));
		assertThatThrownBy(() -> p.actors.run(p.outside.username(), () -> provider.read(new IdType("QuestionnaireResponse", phq9.toString()))))
			.isInstanceOf(WithheldRecord.class);
		// inside, the response is labelled
		assertThat(Part2Labels.labelled(as(p.inside, () -> provider.read(new IdType("QuestionnaireResponse", phq9.toString())))))
			.isTrue();

		// under the patient's consent: shown, labelled, with the notice (page and FHIR)
		UUID consent = p.consentForOutside(consents);
		Shown<AssessmentView> consented = as(p.outside, () -> assessments.shown(p.patient));
		assertThat(consented.withheld()).isZero();
		assertThat(consented.notice()).isTrue();
		page = oscar.get(assessmentsPage + "/" + phq9);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-part2-notice").contains("42 CFR part 2 prohibits unauthorized use or disclosure");
		found = search(p.outside);
		assertThat(responses(found)).hasSize(2).filteredOn(Part2Labels::labelled).extracting(r -> r.getIdElement().getIdPart())
			.containsExactly(phq9.toString());
		assertThat(outcomes(found)).singleElement().satisfies(o -> assertThat(o.getIssue()).singleElement()
			.satisfies(i -> assertThat(i.getCode()).isEqualTo(OperationOutcome.IssueType.INFORMATIONAL)));
		assertThat(caseFlags(p.outside, p.standardCase)).extracting(CaseFlag::code).contains("safety");

		// revoked, then the glass broken
		p.revoke(consents, consent);
		assertThat(as(p.outside, () -> assessments.flags(p.patient))).isEmpty();
		p.breakGlass(glass);
		assertThat(as(p.outside, () -> assessments.flags(p.patient))).hasSize(1);
		assertThat(oscar.get(assessmentsPage).body()).contains("Thoughts of self-harm reported").doesNotContain("data-part2-notice");
	}

}
