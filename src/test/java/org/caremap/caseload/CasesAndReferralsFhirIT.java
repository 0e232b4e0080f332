package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.support.Today;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Cases and referrals over the FHIR API, driven by HAPI's generic client over real HTTP with a system token:
 * EpisodeOfCare, CareTeam and Consent from the demo organisation's cases and a case moved through the caseload's
 * own rules, ServiceRequest from the referral queue and created into it; every search compared with what the
 * database holds, paging by the next link, refusals as OperationOutcome, resources valid against base R4, and every
 * read in the audit trail under the client's name.
 */
class CasesAndReferralsFhirIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static FhirValidator validator;

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Cases cases;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;

	private IGenericClient client;
	private ApiClients.Credentials ehr;
	private String token;

	@BeforeAll
	static void validator() {
		ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
				new SnapshotGeneratingValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
				new CommonCodeSystemsTerminologyService(FHIR));
		validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
	}

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "Care platform " + UUID.randomUUID(), "system/*.cruds");
		token = Tokens.accessToken(port, ehr, "system/*.cruds");
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
	}

	private String base() {
		return "http://localhost:" + port + "/fhir";
	}

	@Test
	void theDemoOrganisationHoldsEveryResourceServed() {
		assertThat(count("select count(*) from (select * from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case")).as("cases (EpisodeOfCare, CareTeam)").isPositive();
		assertThat(count("select count(*) from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where consent_date is not null")).as("consents").isPositive();
		assertThat(count("select count(*) from case_team_member")).as("case team members").isPositive();
		assertThat(count("select count(*) from referral")).as("referrals (ServiceRequest)").isPositive();
	}

	@Test
	void episodesOfCareAreReadAndSearchedAsTheCaseloadHoldsThem() {
		var row = jdbc.sql("select id, patient_id, program_id, case_manager_id, start_date from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case order by id limit 1")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.single();
		EpisodeOfCare episode = client.read().resource(EpisodeOfCare.class).withId(row.get(0)).execute();
		assertThat(episode.getPatient().getReference()).isEqualTo("Patient/" + row.get(1));
		assertThat(episode.getCareManager().getReference()).isEqualTo("Practitioner/" + row.get(3));
		assertThat(episode.getCareManager().getDisplay()).isEqualTo(displayName(row.get(3)));
		assertThat(episode.getTypeFirstRep().getText()).isEqualTo(programName(row.get(2)));
		assertThat(episode.getPeriod().getStartElement().getValueAsString()).isEqualTo(row.get(4));
		assertThat(episode.getTeamFirstRep().getReference()).isEqualTo("CareTeam/" + row.get(0));
		assertThat(episode.getManagingOrganization().getReference())
			.isEqualTo("Organization/" + organizations.primary().orElseThrow().id().value());
		assertThat(episode.getMeta().getLastUpdated()).isNotNull();
		assertValid(episode);
		assertAuditedRead("Case", row.get(0));

		// by care manager, status, patient and last update, against the database
		String dana = accounts.findByUsername("casemanager").orElseThrow().id().toString();
		assertThat(ids(searchAll(EpisodeOfCare.class, "care-manager=Practitioner/" + dana)))
			.isEqualTo(strings("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where case_manager_id = '" + dana + "'"));
		assertThat(ids(searchAll(EpisodeOfCare.class, "status=onhold,finished")))
			.isEqualTo(strings("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where status in ('ON_HOLD', 'CLOSED')"));
		assertThat(total(EpisodeOfCare.class, "status=active"))
			.isEqualTo(count("select count(*) from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where status = 'ACTIVE'"));
		assertThat(total(EpisodeOfCare.class, "status=planned")).isZero();
		assertThat(ids(searchAll(EpisodeOfCare.class, "patient=Patient/" + row.get(1))))
			.isEqualTo(strings("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where patient_id = '" + row.get(1) + "'"));
		assertThat(total(EpisodeOfCare.class, "_lastUpdated=ge2000-01-01")).isEqualTo(count("select count(*) from (select * from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case"));
		assertThat(total(EpisodeOfCare.class, "_lastUpdated=lt2000-01-01")).isZero();

		// paging: the next link brings the following cases, none twice
		assertPages(EpisodeOfCare.class, count("select count(*) from (select * from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case"));
	}

	@Test
	void aCaseMovedThroughTheCaseloadShowsItsHistoryItsCaseManagersAndItsTeam() {
		ProgramView program = programs.active().stream().filter(p -> p.name().equals("Chronic care management"))
			.findFirst().orElseThrow();
		var dana = accounts.findByUsername("casemanager").orElseThrow();
		var marcus = accounts.findByUsername("casemanager2").orElseThrow();
		var okafor = accounts.findByUsername("careteam").orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Episode");
		Actors actors = new Actors(users);
		LocalDate today = Today.date();
		CaseId id = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana.id(),
				today.minusDays(30), new org.caremap.caseload.Consent(today.minusDays(31), ConsentMethod.WRITTEN, "Dana Whitfield", true, true,
						true, false), Acuity.MODERATE, "two chronic conditions")));
		actors.run("supervisor", () -> {
			cases.addTeamMember(id, okafor.id(), "Primary care physician", today.minusDays(20), null);
			cases.reassign(List.of(id), marcus.id(), "balancing caseloads");
			cases.hold(id, "in hospital", null);
		});

		EpisodeOfCare episode = client.read().resource(EpisodeOfCare.class).withId(id.toString()).execute();
		assertThat(episode.getStatus()).isEqualTo(EpisodeOfCare.EpisodeOfCareStatus.ONHOLD);
		assertThat(episode.getStatusHistory()).extracting(h -> h.getStatus().toCode()).containsExactly("active", "onhold");
		assertThat(episode.getCareManager().getReference()).isEqualTo("Practitioner/" + marcus.id());
		assertValid(episode);

		CareTeam team = client.read().resource(CareTeam.class).withId(id.toString()).execute();
		assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.SUSPENDED);
		assertThat(team.getSubject().getReference()).isEqualTo("Patient/" + patient.value());
		assertThat(team.getMeta().getProfile().get(0).getValue()).endsWith("us-core-careteam");
		assertThat(team.getParticipant()).hasSize(3);
		assertThat(team.getParticipant()).filteredOn(p -> p.getRoleFirstRep().getText().equals("Case manager"))
			.extracting(p -> p.getMember().getReference(), p -> p.getPeriod().hasEnd())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Practitioner/" + dana.id(), true),
					org.assertj.core.groups.Tuple.tuple("Practitioner/" + marcus.id(), false));
		assertThat(team.getParticipant()).anySatisfy(p -> {
			assertThat(p.getRoleFirstRep().getText()).isEqualTo("Primary care physician");
			assertThat(p.getMember().getReference()).isEqualTo("Practitioner/" + okafor.id());
			assertThat(p.getMember().getDisplay()).isEqualTo(okafor.displayName());
			assertThat(p.getPeriod().getStartElement().getValueAsString()).isEqualTo(today.minusDays(20).toString());
		});
		assertValid(team);

		Consent consent = client.read().resource(Consent.class).withId(id.toString()).execute();
		assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		assertThat(consent.getDateTimeElement().getValueAsString()).isEqualTo(today.minusDays(31).toString());
		assertThat(consent.getText().getDivAsString()).contains("Written consent", "Dana Whitfield")
			.doesNotContain("stop at any time");
		assertValid(consent);
	}

	@Test
	void careTeamsAndConsentsAreSearchedByPatientAndStatus() {
		var row = jdbc.sql("""
				select c.id, c.patient_id, c.case_manager_id, m.user_id, m.role from (select * from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where program_id not in (select id from program where confidentiality = 'PART2')) c
				join case_team_member m on m.case_id = c.id order by c.id limit 1""")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.single();
		CareTeam team = client.read().resource(CareTeam.class).withId(row.get(0)).execute();
		assertThat(team.getParticipant()).extracting(p -> p.getMember().getReference())
			.contains("Practitioner/" + row.get(2), "Practitioner/" + row.get(3));
		assertThat(team.getParticipant()).anySatisfy(p -> assertThat(p.getRoleFirstRep().getText()).isEqualTo(row.get(4)));
		assertValid(team);
		assertAuditedRead("Case", row.get(0));

		assertThat(ids(searchAll(CareTeam.class, "patient=" + row.get(1))))
			.isEqualTo(strings("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where patient_id = '" + row.get(1) + "'"));
		assertThat(total(CareTeam.class, "status=active")).isEqualTo(count("select count(*) from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where status = 'ACTIVE'"));
		assertThat(ids(searchAll(CareTeam.class, "status=suspended,inactive")))
			.isEqualTo(strings("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where status in ('ON_HOLD', 'CLOSED')"));
		assertPages(CareTeam.class, count("select count(*) from (select * from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case"));

		var consented = jdbc.sql("""
				select id, patient_id, consent_date from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where consent_date is not null order by id limit 1""")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		Consent consent = client.read().resource(Consent.class).withId(consented.get(0)).execute();
		assertThat(consent.getPatient().getReference()).isEqualTo("Patient/" + consented.get(1));
		assertThat(consent.getDateTimeElement().getValueAsString()).isEqualTo(consented.get(2));
		assertThat(consent.getScope().getCodingFirstRep().getCode()).isEqualTo("treatment");
		assertThat(consent.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("59284-0");
		assertThat(consent.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.PERMIT);
		assertValid(consent);
		assertAuditedRead("Case", consented.get(0));
		assertThat(ids(searchAll(Consent.class, "patient=Patient/" + consented.get(1)))).isEqualTo(strings(
				"select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where consent_date is not null and patient_id = '" + consented.get(1) + "'"));
		assertPages(Consent.class, count("select count(*) from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where consent_date is not null"));
	}

	@Test
	void serviceRequestsAreReadAndSearchedAsTheReferralQueueHoldsThem() {
		var row = jdbc.sql("""
				select id, patient_id, program_id, reason, urgency, source_name from referral
				where source_name is not null order by id limit 1""")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6)))
			.single();
		ServiceRequest request = client.read().resource(ServiceRequest.class).withId(row.get(0)).execute();
		assertThat(request.getSubject().getReference()).isEqualTo("Patient/" + row.get(1));
		assertThat(request.getCode().getText()).isEqualTo(programName(row.get(2)));
		assertThat(request.getReasonCodeFirstRep().getText()).isEqualTo(row.get(3));
		assertThat(request.getRequester().getDisplay()).isEqualTo(row.get(5));
		assertThat(request.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
		assertThat(request.getPriority().toCode())
			.isEqualTo(switch (row.get(4)) { case "EMERGENT" -> "stat"; case "URGENT" -> "urgent"; default -> "routine"; });
		assertThat(request.getMeta().getProfile().get(0).getValue()).endsWith("us-core-servicerequest");
		assertValid(request);
		assertAuditedRead("Referral", row.get(0));

		assertThat(ids(searchAll(ServiceRequest.class, "patient=Patient/" + row.get(1))))
			.isEqualTo(strings("select id from referral where patient_id = '" + row.get(1) + "'"));
		assertThat(ids(searchAll(ServiceRequest.class, "status=completed,revoked")))
			.isEqualTo(strings("select id from referral where status in ('ACCEPTED', 'DECLINED', 'WITHDRAWN')"));
		assertThat(total(ServiceRequest.class, "status=active"))
			.isEqualTo(count("select count(*) from referral where status in ('RECEIVED', 'SCREENING')"));
		assertThat(total(ServiceRequest.class, "status=on-hold")).isZero();
		assertThat(total(ServiceRequest.class, "_lastUpdated=lt2000-01-01")).isZero();
		long all = count("select count(*) from referral");
		assertThat(total(ServiceRequest.class, "_lastUpdated=ge2000-01-01")).isEqualTo(all);
		assertPages(ServiceRequest.class, all);
	}

	@Test
	void aPostedServiceRequestIsReceivedIntoTheQueueAndABadOneStoresNothing() {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Referred");
		ServiceRequest posted = new ServiceRequest();
		posted.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
		posted.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		posted.setSubject(new Reference("Patient/" + patient.value()));
		posted.setCode(new CodeableConcept().setText("chronic care management"));
		posted.addReasonCode(new CodeableConcept().setText("Two admissions for heart failure this quarter."));
		posted.setPriority(ServiceRequest.ServiceRequestPriority.URGENT);
		posted.setRequester(new Reference().setType("Organization").setDisplay("Riverside General Hospital"));
		var created = client.create().resource(posted).execute();
		assertThat(created.getCreated()).isTrue();
		String id = created.getId().getIdPart();
		var stored = jdbc.sql("select patient_id, status, urgency, source_type, source_name, created_by from referral where id = ?")
			.param(UUID.fromString(id))
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6)))
			.single();
		assertThat(stored).containsExactly(patient.value().toString(), "RECEIVED", "URGENT", "HOSPITAL",
				"Riverside General Hospital", "system:api:" + ehr.clientId());
		ServiceRequest read = client.read().resource(ServiceRequest.class).withId(id).execute();
		assertThat(read.getCode().getText()).isEqualTo("Chronic care management");
		assertThat(read.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
		assertValid(read);

		long before = count("select count(*) from referral");
		ServiceRequest noSubject = posted.copy().setSubject(null);
		assertThatThrownBy(() -> client.create().resource(noSubject).execute()).isInstanceOf(InvalidRequestException.class);
		ServiceRequest unknownPatient = posted.copy().setSubject(new Reference("Patient/" + UUID.randomUUID()));
		assertThatThrownBy(() -> client.create().resource(unknownPatient).execute())
			.isInstanceOf(UnprocessableEntityException.class);
		ServiceRequest unknownProgram = posted.copy().setCode(new CodeableConcept().setText("Space medicine"));
		assertThatThrownBy(() -> client.create().resource(unknownProgram).execute())
			.isInstanceOf(UnprocessableEntityException.class);
		ServiceRequest noReason = posted.copy();
		noReason.getReasonCode().clear();
		assertThatThrownBy(() -> client.create().resource(noReason).execute()).isInstanceOf(InvalidRequestException.class);
		ServiceRequest future = posted.copy();
		future.setAuthoredOn(java.util.Date.from(java.time.Instant.now().plusSeconds(86_400)));
		assertThatThrownBy(() -> client.create().resource(future).execute())
			.isInstanceOfSatisfying(BaseServerResponseException.class, ex -> assertThat(ex.getStatusCode()).isEqualTo(422));
		assertThat(count("select count(*) from referral")).as("refused requests store nothing").isEqualTo(before);
	}

	@Test
	void unknownIdsAndBadParametersAreOperationOutcomes() throws Exception {
		for (Class<? extends IBaseResource> type : List.of(EpisodeOfCare.class, CareTeam.class, Consent.class,
				ServiceRequest.class)) {
			assertThatThrownBy(() -> client.read().resource(type).withId(UUID.randomUUID().toString()).execute())
				.as(type.getSimpleName()).isInstanceOf(ResourceNotFoundException.class);
			assertThatThrownBy(() -> client.read().resource(type).withId("not-a-uuid").execute())
				.as(type.getSimpleName()).isInstanceOf(ResourceNotFoundException.class);
		}
		String noConsent = jdbc.sql("select id from (select * from care_case where program_id not in (select id from program where confidentiality = 'PART2')) care_case where consent_date is null limit 1").query(String.class)
			.optional().orElse(null);
		if (noConsent != null) {
			assertThatThrownBy(() -> client.read().resource(Consent.class).withId(noConsent).execute())
				.isInstanceOf(ResourceNotFoundException.class);
		}
		HttpClient http = HttpClient.newHttpClient();
		for (String query : List.of("EpisodeOfCare?status=sleeping", "EpisodeOfCare?care-manager=Practitioner/nobody",
				"CareTeam?status=asleep", "Consent?patient=Group/" + UUID.randomUUID(), "ServiceRequest?status=maybe",
				"ServiceRequest?_lastUpdated=yesterday", "EpisodeOfCare?_lastUpdated=yesterday")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/" + query))
				.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep()
				.getDiagnostics()).as(query).isNotBlank();
		}
	}

	private <T extends Resource> List<T> searchAll(Class<T> type, String query) {
		Bundle bundle = client.search().byUrl(base() + "/" + type.getSimpleName() + "?" + query + "&_count=500")
			.returnBundle(Bundle.class).execute();
		List<T> out = new java.util.ArrayList<>();
		while (true) {
			// an outcome entry (cases of Part 2 programs withheld from this system) is not a match
			bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
				.forEach(e -> out.add(type.cast(e.getResource())));
			if (bundle.getLink(Bundle.LINK_NEXT) == null) return out;
			bundle = client.loadPage().next(bundle).execute();
		}
	}

	private long total(Class<? extends Resource> type, String query) {
		return client.search().byUrl(base() + "/" + type.getSimpleName() + "?" + query + "&_count=1")
			.returnBundle(Bundle.class).execute().getTotal();
	}

	private void assertPages(Class<? extends Resource> type, long expectedTotal) {
		Bundle first = client.search().forResource(type).count(5).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) expectedTotal);
		assertThat(matches(first)).hasSize((int) Math.min(5, expectedTotal));
		if (expectedTotal <= 5) return;
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = client.loadPage().next(first).execute();
		Set<String> seen = new HashSet<>();
		matches(first).forEach(r -> seen.add(r.getIdElement().getIdPart()));
		matches(second).forEach(r -> seen.add(r.getIdElement().getIdPart()));
		assertThat(seen).hasSize(matches(first).size() + matches(second).size());
		assertThat(matches(second)).hasSize((int) Math.min(5, expectedTotal - 5));
	}

	/** The page's matches, without an outcome entry (Part 2 resources withheld). */
	private static List<Resource> matches(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
			.map(Bundle.BundleEntryComponent::getResource).toList();
	}

	private static Set<String> ids(List<? extends Resource> resources) {
		Set<String> out = new HashSet<>();
		resources.forEach(r -> out.add(r.getIdElement().getIdPart()));
		assertThat(out).as("no resource twice").hasSize(resources.size());
		return out;
	}

	private Set<String> strings(String sql) {
		return new HashSet<>(jdbc.sql(sql).query(String.class).list());
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private String programName(String id) {
		return programs.find(new org.caremap.program.ProgramId(UUID.fromString(id))).orElseThrow().name();
	}

	private String displayName(String userId) {
		return accounts.find(new org.caremap.shared.UserId(UUID.fromString(userId))).orElseThrow().displayName();
	}

	private void assertAuditedRead(String resourceType, String id) {
		assertThat(count("select count(*) from audit_event where actor = 'system:api:" + ehr.clientId()
				+ "' and action = 'READ' and resource_type = '" + resourceType + "' and resource_id = '" + id + "'"))
			.as("read of " + resourceType + " " + id + " audited under the client").isPositive();
	}

	/** Valid against base R4 (US Core's profiles are not at hand here, so the claim of one is left out). */
	private static void assertValid(Resource resource) {
		Resource base = resource.copy();
		base.getMeta().getProfile().clear();
		List<SingleValidationMessage> errors = validator.validateWithResult(base).getMessages().stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.toList();
		assertThat(errors).as(resource.fhirType() + " valid against base R4")
			.extracting(m -> m.getLocationString() + ": " + m.getMessage()).isEmpty();
	}
}
