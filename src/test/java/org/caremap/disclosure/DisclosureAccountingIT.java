package org.caremap.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.community.CommunityReferralSent;
import org.caremap.disclosure.DisclosureView;
import org.caremap.disclosure.Disclosures;
import org.caremap.disclosure.RequestView;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The accounting of disclosures of a patient whose disclosures the test knows (issue 23, acceptance 2): the period
 * of six years, the bases the rule leaves out, a suspension in force and one ended, a community referral heard twice;
 * the answer given as a PDF that reads right and is itself recorded; the access log naming who opened the record;
 * the limits on who may answer.
 */
class DisclosureAccountingIT extends IntegrationTest {

	@Autowired Disclosures disclosures;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;

	Actors actors;
	PatientId patient;
	LocalDate today;

	@BeforeEach
	void patient() {
		actors = new Actors(users);
		today = organizations.today();
		patient = Actors.newPatient(registry, organizations.primary().orElseThrow().id(), "Disclosed" + UUID.randomUUID().toString().substring(0, 6));
		SystemActor.run("test", List.of("SYSTEM"), () -> {
			relationships.open(accounts.findByUsername("supervisor").orElseThrow().id(), patient, RelationshipKind.CASE_MANAGER, "test:disclosure");
			relationships.open(accounts.findByUsername("casemanager").orElseThrow().id(), patient, RelationshipKind.CASE_MANAGER, "test:disclosure");
		});
	}

	private UUID record(LocalDate on, String recipient, DisclosureBasis basis, LocalDate suspendedUntil) {
		return actors.as("casemanager", () -> disclosures.record(patient, new Disclosures.NewDisclosure(on, recipient,
				"1 Main St", "Discharge summary", "Asked in writing", basis, suspendedUntil)));
	}

	@Test
	void theAccountingListsExactlyTheDisclosuresTheRuleCountsAndTheAnswerIsRecorded() throws Exception {
		record(today.minusYears(7), "Too Old County Court", DisclosureBasis.JUDICIAL, null);
		record(today.minusDays(400), "State Health Department", DisclosureBasis.PUBLIC_HEALTH, null);
		record(today.minusDays(300), "Riverside Clinic", DisclosureBasis.TREATMENT, null);
		record(today.minusDays(100), "Franklin County Court", DisclosureBasis.JUDICIAL, null);
		record(today.minusDays(50), "Sheriff's Office", DisclosureBasis.LAW_ENFORCEMENT, today.plusDays(30));
		record(today.minusDays(200), "State Medicaid Auditor", DisclosureBasis.HEALTH_OVERSIGHT, today.minusDays(10));
		record(today.minusDays(20), "Daughter's Lawyer", DisclosureBasis.AUTHORIZATION, null);
		// a community referral: care coordination, kept but not accounted; heard twice, recorded once
		UUID referral = UUID.randomUUID();
		CommunityReferralSent sent = new CommunityReferralSent(referral, patient, UUID.randomUUID(), "Mid-Ohio Food Pantry",
				"Home-delivered groceries", null, "https://example.invalid/r", Instant.now().plusSeconds(86400), false, null, Instant.now());
		transactions.executeWithoutResult(s -> events.publishEvent(sent));
		transactions.executeWithoutResult(s -> events.publishEvent(sent));
		Eventually.until("the referral is recorded as a disclosure", () -> jdbc.sql(
				"select count(*) from disclosure where source = 'COMMUNITY_REFERRAL' and source_id = ?").param(referral.toString())
			.query(Long.class).single() == 1);

		List<DisclosureView> all = actors.as("supervisor", () -> disclosures.of(patient));
		assertThat(all).hasSize(8);
		assertThat(all).filteredOn(d -> d.source().equals("COMMUNITY_REFERRAL")).singleElement()
			.satisfies(d -> assertThat(d.basis()).isEqualTo(DisclosureBasis.TREATMENT));

		UUID request = actors.as("casemanager", () -> disclosures.request(patient, new Disclosures.NewRequest(
				RequestView.Kind.ACCOUNTING, "The patient", today, today.minusYears(6), today)));
		Disclosures.Answer answer = actors.as("supervisor", () -> disclosures.answer(request));
		assertThat(answer.disclosures()).extracting(DisclosureView::recipient)
			.containsExactly("State Health Department", "State Medicaid Auditor", "Franklin County Court");

		// the PDF, opened and read
		byte[] pdf = pdf("supervisor", "/disclosure-requests/" + request + "/answer.pdf?lang=en");
		String text;
		try (var doc = Loader.loadPDF(pdf)) {
			text = new PDFTextStripper().getText(doc);
		}
		assertThat(text).contains("Accounting of disclosures").contains("State Health Department").contains("State Medicaid Auditor")
			.contains("Franklin County Court").contains("Court order or subpoena").contains("The patient")
			.doesNotContain("Too Old County Court").doesNotContain("Riverside Clinic").doesNotContain("Sheriff")
			.doesNotContain("Daughter's Lawyer").doesNotContain("Food Pantry");

		// answered: the request says so, and the answer given to the patient is a disclosure the accounting leaves out
		assertThat(actors.as("supervisor", () -> disclosures.requests(patient))).singleElement()
			.satisfies(r -> assertThat(r.producedAt()).isNotNull());
		assertThat(jdbc.sql("select count(*) from disclosure where patient_id = ? and source = 'ANSWER' and basis = 'TO_PATIENT'")
			.param(patient.value()).query(Long.class).single()).isEqualTo(1);
		actors.as("supervisor", () -> disclosures.answer(request));
		assertThat(jdbc.sql("select count(*) from disclosure where patient_id = ? and source = 'ANSWER'")
			.param(patient.value()).query(Long.class).single()).isEqualTo(1);
		assertThat(actors.as("supervisor", () -> disclosures.answer(request)).disclosures()).hasSize(3);
	}

	@Test
	void theAccessLogNamesWhoOpenedTheRecord() throws Exception {
		actors.as("casemanager", () -> disclosures.of(patient));
		UUID request = actors.as("casemanager", () -> disclosures.request(patient, new Disclosures.NewRequest(
				RequestView.Kind.ACCESS_LOG, "Maria (daughter, representative)", today, today.minusDays(30), today)));
		Disclosures.Answer answer = actors.as("supervisor", () -> disclosures.answer(request));
		assertThat(answer.accesses()).anySatisfy(a -> {
			assertThat(a.actor()).isEqualTo("casemanager");
			assertThat(a.resourceType()).isEqualTo("Disclosure");
		});
		assertThat(answer.accessCount()).isEqualTo(answer.accesses().size());
		byte[] pdf = pdf("supervisor", "/disclosure-requests/" + request + "/answer.pdf?lang=es");
		String text;
		try (var doc = Loader.loadPDF(pdf)) {
			text = new PDFTextStripper().getText(doc);
		}
		assertThat(text).contains("Quién abrió su expediente").contains("Dana Whitfield").contains("Maria (daughter, representative)");
	}

	@Test
	void onlyASupervisorWhoReadsThePatientAnswersAndTheRulesRefuseBadRequests() {
		UUID request = actors.as("casemanager", () -> disclosures.request(patient, new Disclosures.NewRequest(
				RequestView.Kind.ACCOUNTING, "The patient", today, today.minusYears(1), today)));
		assertThatThrownBy(() -> actors.as("casemanager", () -> disclosures.answer(request))).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.as("casemanager", () -> disclosures.request(patient, new Disclosures.NewRequest(
				RequestView.Kind.ACCOUNTING, "The patient", today, today.minusYears(6).minusDays(1), today))))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("disclosure.request-six-years");
		assertThatThrownBy(() -> record(today.minusDays(3), "County Court", DisclosureBasis.JUDICIAL, today.plusDays(10)))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("disclosure.suspension-basis");
		assertThatThrownBy(() -> record(today.plusDays(1), "County Court", DisclosureBasis.JUDICIAL, null))
			.isInstanceOf(DomainException.class).extracting(e -> ((DomainException) e).code()).isEqualTo("disclosure.date-future");
	}

	@Test
	void thePageShowsFieldErrorsAndTheDisclosures() {
		var client = http("casemanager");
		assertThat(client.get("/patients/" + patient.value() + "/disclosures").statusCode()).isEqualTo(200);
		var bad = client.post("/patients/" + patient.value() + "/disclosures", Map.of("disclosedOn", "not a day",
				"recipient", "", "description", "x", "purpose", "y", "basis", "NONSENSE"));
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("is-invalid");
		var ok = client.post("/patients/" + patient.value() + "/disclosures", Map.of("disclosedOn", today.toString(),
				"recipient", "State Health Department", "description", "Immunisation record", "purpose", "Outbreak report",
				"basis", "PUBLIC_HEALTH"));
		assertThat(ok.statusCode()).isEqualTo(302);
		var page = client.get("/patients/" + patient.value() + "/disclosures");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("State Health Department").contains("Public health");
	}

	@Test
	void theDemoShowsDisclosuresAndARequestToAnswer(@Autowired org.caremap.caseload.Cases cases) {
		// the patient the demo gave its disclosures to: her first case then (other tests of the run may have given her
		// newer ones since), found as the demo recognises it, by a disclosure recorded by hand
		PatientId first = actors.as("casemanager", () -> cases.caseload(accounts.findByUsername("casemanager").orElseThrow().id())
			.stream().map(r -> r.patient()).filter(p -> !p.equals(patient))
			.filter(p -> disclosures.of(p).stream().anyMatch(d -> d.source().equals("RECORDED")))
			.findFirst().orElseThrow());
		assertThat(actors.as("casemanager", () -> disclosures.of(first))).extracting(DisclosureView::recipient)
			.contains("Ohio Department of Health", "Franklin County Court of Common Pleas");
		assertThat(actors.as("casemanager", () -> disclosures.requests(first))).extracting(RequestView::kind)
			.contains(RequestView.Kind.ACCOUNTING);
	}

	private org.caremap.support.Browserless http(String username) {
		return staffClient(username);
	}

	/** A PDF the signed-in user downloads (the session's cookie on a plain request for bytes). */
	private byte[] pdf(String username, String path) throws Exception {
		var browser = staffClient(username);
		String session = browser.cookie("CAREMAP_SESSION").orElseThrow();
		java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
				java.net.URI.create("http://localhost:" + port + path)).header("Cookie", "CAREMAP_SESSION=" + session).build(),
				java.net.http.HttpResponse.BodyHandlers.ofByteArray());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
		return r.body();
	}
}
