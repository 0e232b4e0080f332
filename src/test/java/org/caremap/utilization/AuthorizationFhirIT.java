package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import org.caremap.support.Today;
import org.caremap.caseload.Cases;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Prior authorization over FHIR: an EHR sends a Claim (use preauthorization), Caremap stores and sends it (the clock
 * runs), searches by patient and status find it; the decision recorded on the pages reads back as a ClaimResponse
 * with the authorized units and period; an eligibility question and its answer are stored and read back; a request
 * that is not a prior authorization is refused with an OperationOutcome and nothing stored.
 */
class AuthorizationFhirIT extends IntegrationTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Authorizations authorizations;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;

	FhirHttp writer;
	Actors actors;
	UtilizationFixtures.Covered covered;

	@BeforeEach
	void setUp() throws Exception {
		actors = new Actors(users);
		ApiClients.Credentials ehr = Tokens.register(actors, clients, "Prior auth " + UUID.randomUUID(), "system/*.cruds");
		writer = new FhirHttp(port, Tokens.accessToken(port, ehr, "system/*.cruds"));
		covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases, accounts, "Fhirclaim",
				"Fhirclaim Health Plan");
	}

	private String claim(String use) {
		LocalDate from = Today.date();
		return """
				{"resourceType": "Claim", "status": "active", "use": "%s",
				 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
				 "patient": {"reference": "Patient/%s"}, "created": "%s",
				 "provider": {"display": "Dr. Maria Alvarez"},
				 "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "stat"}]},
				 "insurance": [{"sequence": 1, "focal": true, "coverage": {"reference": "Coverage/%s"}}],
				 "diagnosis": [{"sequence": 1, "diagnosisCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.16"}]}}],
				 "supportingInfo": [{"sequence": 1, "category": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claiminformationcategory", "code": "info"}]},
				                     "valueString": "New leg weakness."}],
				 "item": [{"sequence": 1, "productOrService": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "72148"}], "text": "MRI lumbar spine"},
				           "quantity": {"value": 1}, "servicedPeriod": {"start": "%s", "end": "%s"}}]}"""
			.formatted(use, covered.patient().value(), Instant.now(), covered.coverage(), from, from.plusDays(30));
	}

	@Test
	void aClaimIsStoredAndSentAndItsDecisionReadsBackAsAClaimResponse() {
		HttpResponse<String> created = writer.post("/fhir/Claim", claim("preauthorization"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Claim back = FHIR.newJsonParser().parseResource(Claim.class, created.body());
		UUID id = UUID.fromString(back.getIdElement().getIdPart());
		AuthorizationView stored = actors.as("casemanager", () -> authorizations.find(id).orElseThrow());
		assertThat(stored.status()).isEqualTo(AuthorizationStatus.SUBMITTED);
		assertThat(stored.urgency()).isEqualTo(Urgency.EXPEDITED);
		assertThat(stored.payer()).isEqualTo("Fhirclaim Health Plan");
		assertThat(stored.service()).isEqualTo("MRI lumbar spine");
		assertThat(stored.lines()).singleElement().satisfies(l -> {
			assertThat(l.system()).isEqualTo(CodeSystem.CPT);
			assertThat(l.code()).isEqualTo("72148");
		});
		assertThat(stored.decisionDueAt()).isEqualTo(stored.submittedAt().plus(Duration.ofHours(72)));

		Bundle found = FHIR.newJsonParser().parseResource(Bundle.class,
				writer.get("/fhir/Claim?patient=Patient/" + covered.patient().value() + "&status=active").body());
		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(id.toString());
		Bundle none = FHIR.newJsonParser().parseResource(Bundle.class,
				writer.get("/fhir/Claim?patient=Patient/" + covered.patient().value() + "&status=draft").body());
		assertThat(none.getEntry()).isEmpty();
		assertThat(writer.get("/fhir/ClaimResponse/" + id).statusCode()).as("no answer yet").isEqualTo(404);

		actors.run("casemanager", () -> authorizations.decide(id, UtilizationFixtures.decision(stored, Instant.now(), Today.date(),
				Today.date().plusDays(30))));
		ClaimResponse answer = FHIR.newJsonParser().parseResource(ClaimResponse.class, writer.get("/fhir/ClaimResponse/" + id).body());
		assertThat(answer.getUse()).isEqualTo(ClaimResponse.Use.PREAUTHORIZATION);
		assertThat(answer.getRequest().getReference()).isEqualTo("Claim/" + id);
		assertThat(answer.getPreAuthRef()).startsWith("REF-");
		assertThat(answer.getPreAuthPeriod().getEndElement().getValueAsString()).isEqualTo(Today.date().plusDays(30).toString());
		assertThat(answer.getItemFirstRep().getAdjudication()).extracting(a -> a.getCategory().getCodingFirstRep().getCode() + "=" + a.getValue().intValue())
			.containsExactly("submitted=1", "eligible=1");
		assertThat(answer.getDisposition()).isEqualTo("Approved");
	}

	@Test
	void aClaimThatIsNotAPriorAuthorizationIsRefusedAndNothingIsStored() {
		HttpResponse<String> refused = writer.post("/fhir/Claim", claim("claim"));
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body()).contains("OperationOutcome").contains("preauthorization");
		assertThat(jdbc.sql("select count(*) from authorization_request where patient_id = ?").param(covered.patient().value())
			.query(Long.class).single()).isZero();
	}

	@Test
	void anEligibilityQuestionAndItsAnswerAreStored() {
		HttpResponse<String> asked = writer.post("/fhir/CoverageEligibilityRequest", """
				{"resourceType": "CoverageEligibilityRequest", "status": "active", "purpose": ["auth-requirements"],
				 "patient": {"reference": "Patient/%s"}, "created": "%s", "insurer": {"display": "Fhirclaim Health Plan"},
				 "item": [{"productOrService": {"text": "Home oxygen"}}]}""".formatted(covered.patient().value(), Instant.now()));
		assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
		String id = FHIR.newJsonParser().parseResource(org.hl7.fhir.r4.model.CoverageEligibilityRequest.class, asked.body())
			.getIdElement().getIdPart();
		HttpResponse<String> answered = writer.post("/fhir/CoverageEligibilityResponse", """
				{"resourceType": "CoverageEligibilityResponse", "status": "active", "purpose": ["auth-requirements"],
				 "patient": {"reference": "Patient/%s"}, "created": "%s", "request": {"reference": "CoverageEligibilityRequest/%s"},
				 "outcome": "complete", "insurer": {"display": "Fhirclaim Health Plan"}, "disposition": "Covered with prior authorization",
				 "insurance": [{"coverage": {"display": "Fhirclaim"}, "inforce": true, "item": [{"authorizationRequired": true}]}]}"""
			.formatted(covered.patient().value(), Instant.now().plusSeconds(1), id));
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
		CoverageEligibilityResponse back = FHIR.newJsonParser().parseResource(CoverageEligibilityResponse.class,
				writer.get("/fhir/CoverageEligibilityResponse/" + id).body());
		assertThat(back.getInsuranceFirstRep().getInforce()).isTrue();
		assertThat(back.getInsuranceFirstRep().getItemFirstRep().getAuthorizationRequired()).isTrue();
		assertThat(back.getDisposition()).isEqualTo("Covered with prior authorization");
		assertThat(writer.post("/fhir/CoverageEligibilityResponse", answered.body().isEmpty() ? "{}" : """
				{"resourceType": "CoverageEligibilityResponse", "status": "active", "purpose": ["validation"],
				 "patient": {"reference": "Patient/%s"}, "created": "%s", "request": {"reference": "CoverageEligibilityRequest/%s"},
				 "outcome": "complete", "insurer": {"display": "x"}, "insurance": [{"inforce": false}]}"""
			.formatted(covered.patient().value(), Instant.now(), id)).statusCode()).as("answered once").isEqualTo(422);
	}
}
