package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.support.Today;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.caremap.demo.DemoLogins;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The care plan knows its authorizations: an intervention marked as needing one says it is missing; once it depends on
 * a line, waiting for the payer; approved, the units left; and the patient's copy says in plain words (English and
 * Spanish) what the insurer approved.
 */
class CarePlanKnowsAuthorizationsIT extends IntegrationTest {

	@Autowired Authorizations authorizations;
	@Autowired CarePlans plans;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired DemoLogins demo;

	@Test
	void theInterventionWarnsUntilItsAuthorizationIsApprovedAndThePatientsCopySaysWhatWasApproved() throws Exception {
		Actors actors = new Actors(users);
		UtilizationFixtures.Covered covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases,
				accounts, "Plainwords", "Plainwords Health Plan");
		UUID intervention = UUID.randomUUID();
		UUID plan = actors.as("casemanager", () -> {
			var kase = cases.ofPatient(covered.patient()).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst().orElseThrow();
			CarePlanView p = plans.open(kase.id());
			List<CarePlanContent.Intervention> items = new ArrayList<>(p.content().interventions());
			items.add(new CarePlanContent.Intervention(intervention, null, "Physical therapy at home", CarePlanContent.Owner.PROVIDER,
					null, "Weekly", CarePlanContent.InterventionStatus.PLANNED, null, Map.of(), Map.of()));
			plans.save(p.id(), p.version(), new CarePlanContent(p.content().problems(), p.content().goals(), items, p.content().barriers()), "therapy");
			return p.id();
		});
		Browserless page = client();
		page.login("casemanager", demo.password("casemanager").orElseThrow());
		String carePlan = "/patients/" + covered.patient().value() + "/care-plan";
		assertThat(page.get(carePlan).body()).contains("id=\"request-auth-" + intervention + "\"").doesNotContain("Needs an authorization: none");

		actors.run("casemanager", () -> authorizations.linkIntervention(covered.patient(), intervention, null));
		assertThat(page.get(carePlan).body()).contains("Needs an authorization: none has been sent to the payer.");

		UUID id = actors.as("casemanager", () -> {
			NewAuthorization base = UtilizationFixtures.request(covered, Urgency.STANDARD, false);
			UUID x = authorizations.draft(new NewAuthorization(base.patient(), base.coverage(), base.service(), base.diagnoses(),
					base.requestingProvider(), base.servicingProvider(), base.wantedFrom(), base.wantedTo(), base.urgency(),
					base.clinicalNotes(), base.lines(), intervention));
			authorizations.submit(x, Instant.now().minus(Duration.ofHours(5)));
			return x;
		});
		assertThat(page.get(carePlan).body()).contains("Waiting for the payer&#39;s decision");
		LocalDate from = LocalDate.of(2026, 1, 5);
		LocalDate to = Today.date().plusDays(200);
		actors.run("casemanager", () -> {
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), from, to, 10));
			authorizations.useUnits(a.lines().get(0).id(), Today.date(), 4, null, null);
		});
		String shown = page.get(carePlan).body();
		assertThat(shown).contains("id=\"units-left-" + intervention + "\"").contains("6 of 10 visits left");

		String english = text(actors.as("casemanager", () -> plans.patientCopy(plan, "en")));
		assertThat(english).contains("Your insurance (Plainwords Health Plan) approved 10 visits from January 5, 2026")
			.contains("4 used, 6 left.");
		String spanish = text(actors.as("casemanager", () -> plans.patientCopy(plan, "es")));
		assertThat(spanish).contains("Su seguro (Plainwords Health Plan) aprobó 10 visitas del 5 de enero de 2026")
			.contains("Se usaron 4; quedan 6.");
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
		}
	}
}
