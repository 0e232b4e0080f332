package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.Part2Labels;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The enrolment in a 42 CFR Part 2 program is itself a Part 2 record: the chart's cases (header and tab), the case
 * page, the case timeline and the case resources (EpisodeOfCare, Consent, CareTeam) show it to the program's case
 * manager with the label, withhold it (counted) from a case manager of another program of the same patient, show it
 * with the notice under the patient's consent, and show it after break-the-glass.
 */
class Part2CaseloadIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String WITHHELD_ONE = "1 record from a confidential substance-use program is withheld from you";
	private static final String NOTICE = "42 CFR part 2 prohibits unauthorized use or disclosure of these records.";

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

	@Test
	void theProgramsCaseManagerSeesTheCaseWithTheLabelAndTheOtherCaseManagerDoesNot() {
		var p = fixtures.enrolled("Segmented");
		actors.run(Part2Fixtures.INSIDE, () -> cases.changeAcuity(p.part2Case(), Acuity.LOW, "recovery-acuity-note"));

		Browserless dana = staffClient(Part2Fixtures.INSIDE);
		String inside = dana.get("/patients/" + p.patient() + "/cases").body();
		assertThat(inside).contains("data-case=\"" + p.part2Case() + "\"", "data-case=\"" + p.standardCase() + "\"",
				"Recovery support", "42 CFR Part 2 records", "cm-part2-label").doesNotContain(WITHHELD_ONE);
		assertThat(dana.get("/patients/" + p.patient() + "/timeline").body()).contains("recovery-acuity-note");
		assertThat(dana.get("/cases/" + p.part2Case()).statusCode()).isEqualTo(302);

		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		HttpResponse<String> outside = marcus.get("/patients/" + p.patient() + "/cases");
		assertThat(outside.statusCode()).isEqualTo(200);
		assertThat(outside.body()).contains("data-case=\"" + p.standardCase() + "\"", "Complex care", WITHHELD_ONE)
			.doesNotContain(p.part2Case().toString(), "Recovery support", "42 CFR Part 2 records", "cm-part2-label");
		assertThat(marcus.get("/patients/" + p.patient() + "/timeline").body()).doesNotContain("recovery-acuity-note");
		assertThat(marcus.get("/cases/" + p.part2Case()).statusCode()).isEqualTo(403);
		assertThat(marcus.get("/cases/" + p.standardCase()).statusCode()).isEqualTo(302);
		// nor may he change it
		HttpResponse<String> hold = marcus.post("/patients/" + p.patient() + "/cases/" + p.part2Case() + "/hold",
				Map.of("reason", "not his to hold"));
		assertThat(hold.statusCode()).isEqualTo(403);
		assertThat(actors.as("supervisor", () -> cases.find(p.part2Case()).orElseThrow().status())).isEqualTo(CaseStatus.ACTIVE);
	}

	@Test
	void theConsentedRecipientSeesTheCaseWithTheNoticeAndBreakTheGlassShowsIt() {
		var consented = fixtures.enrolled("Consented");
		fixtures.consentForOutside(consents, consented.patient());
		Browserless marcus = staffClient(Part2Fixtures.OUTSIDE);
		String page = marcus.get("/patients/" + consented.patient() + "/cases").body();
		assertThat(page).contains("data-case=\"" + consented.part2Case() + "\"", "Recovery support", "cm-part2-label", NOTICE)
			.doesNotContain(WITHHELD_ONE);

		var emergency = fixtures.enrolled("Emergency");
		assertThat(marcus.get("/patients/" + emergency.patient() + "/cases").body()).contains(WITHHELD_ONE);
		fixtures.breakGlass(glass, emergency.patient());
		assertThat(marcus.get("/patients/" + emergency.patient() + "/cases").body())
			.contains("data-case=\"" + emergency.part2Case() + "\"", "cm-part2-label").doesNotContain(WITHHELD_ONE, NOTICE);
		assertThat(marcus.get("/cases/" + emergency.part2Case()).statusCode()).isEqualTo(302);
	}

	@Test
	void fhirWithholdsTheCaseResourcesCountsThemAndLabelsThemUnderAConsent() throws Exception {
		var p = fixtures.enrolled("Fhir");
		ApiClients.Credentials ehr = Tokens.register(actors, clients, "Part 2 platform " + UUID.randomUUID(), "system/*.cruds");
		FhirHttp api = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));

		for (String type : List.of("EpisodeOfCare", "Consent", "CareTeam")) {
			Bundle outside = bundle(api.get("/fhir/" + type + "?patient=Patient/" + p.patient()));
			assertThat(ids(outside, type)).as(type).containsExactly(p.standardCase().toString());
			assertThat(outside.getTotal()).as(type).isEqualTo(1);
			OperationOutcome outcome = outcome(outside);
			assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.SUPPRESSED);
			assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("1 resource(s) withheld under 42 CFR Part 2");
			HttpResponse<String> read = api.get("/fhir/" + type + "/" + p.part2Case());
			assertThat(read.statusCode()).as(type).isEqualTo(403);
			assertThat(read.body()).contains("42 CFR Part 2");
			assertThat(api.get("/fhir/" + type + "/" + p.standardCase()).statusCode()).isEqualTo(200);
		}

		fixtures.consentForClient(consents, p.patient(), ehr.clientId());
		Bundle shown = bundle(api.get("/fhir/EpisodeOfCare?patient=Patient/" + p.patient()));
		assertThat(ids(shown, "EpisodeOfCare")).containsExactlyInAnyOrder(p.part2Case().toString(), p.standardCase().toString());
		for (Bundle.BundleEntryComponent e : shown.getEntry()) {
			if (!(e.getResource() instanceof EpisodeOfCare episode)) continue;
			assertThat(Part2Labels.labelled(episode)).as(episode.getIdPart())
				.isEqualTo(episode.getIdPart().equals(p.part2Case().toString()));
		}
		assertThat(outcome(shown).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("42 CFR part 2"));
		HttpResponse<String> read = api.get("/fhir/EpisodeOfCare/" + p.part2Case());
		assertThat(read.statusCode()).isEqualTo(200);
		EpisodeOfCare episode = FHIR.newJsonParser().parseResource(EpisodeOfCare.class, read.body());
		assertThat(episode.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("42CFRPart2", "R", "NORDSCLCD");
	}

	private static Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static List<String> ids(Bundle bundle, String type) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
			.filter(r -> r.fhirType().equals(type)).map(Resource::getIdPart).toList();
	}

	private static OperationOutcome outcome(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
			.map(e -> (OperationOutcome) e.getResource()).findFirst().orElseThrow(() -> new AssertionError("no outcome entry"));
	}
}
