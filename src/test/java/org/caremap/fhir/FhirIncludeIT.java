package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * {@code _include} on the searches of the demo organisation with a system token: for each include served, the
 * bundle's include entries are exactly the resources its matches refer to, each once; an include not served is a
 * bad request answered with an OperationOutcome; the capability statement lists the includes.
 */
class FhirIncludeIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private IGenericClient client;
	private ApiClients.Credentials ehr;

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "Includes " + UUID.randomUUID(), "system/*.rs");
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, ehr, "system/*.rs")));
	}

	@Test
	void tasksIncludeTheirPatientsAndOwners() {
		Bundle bundle = includes(Task.class, Task.INCLUDE_PATIENT, "Patient", t -> List.of(((Task) t).getFor()));
		includes(Task.class, Task.INCLUDE_SUBJECT, "Patient", t -> List.of(((Task) t).getFor()));
		// a task the patient does is owned by the Patient, included as well
		includes(Task.class, Task.INCLUDE_OWNER, "Practitioner|Patient", t -> List.of(((Task) t).getOwner()));
		// the included patients were read through the registry: audited under the client's name
		String patient = included(bundle).iterator().next().replace("Patient/", "");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'READ' and resource_type = 'Patient' and resource_id = ?")
			.params("system:api:" + ehr.clientId(), patient).query(Long.class).single()).isPositive();
	}

	@Test
	void bothIncludesOfOneSearchBringEachResourceOnce() {
		Bundle bundle = client.search().forResource(Task.class).include(Task.INCLUDE_PATIENT).include(Task.INCLUDE_SUBJECT)
			.include(Task.INCLUDE_OWNER).count(100).returnBundle(Bundle.class).execute();
		Set<String> expected = new LinkedHashSet<>();
		for (Resource r : matches(bundle)) {
			Task t = (Task) r;
			expected.add(t.getFor().getReference());
			if (t.getOwner().hasReference()) expected.add(t.getOwner().getReference());
		}
		assertThat(includedList(bundle)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void episodesOfCareIncludeTheirPatientsAndCareManagers() {
		includes(EpisodeOfCare.class, EpisodeOfCare.INCLUDE_PATIENT, "Patient", e -> List.of(((EpisodeOfCare) e).getPatient()));
		includes(EpisodeOfCare.class, EpisodeOfCare.INCLUDE_CARE_MANAGER, "Practitioner",
				e -> List.of(((EpisodeOfCare) e).getCareManager()));
	}

	@Test
	void carePlansIncludeTheirPatientsAndGoals() {
		includes(CarePlan.class, CarePlan.INCLUDE_SUBJECT, "Patient", p -> List.of(((CarePlan) p).getSubject()));
		includes(CarePlan.class, CarePlan.INCLUDE_PATIENT, "Patient", p -> List.of(((CarePlan) p).getSubject()));
		includes(CarePlan.class, CarePlan.INCLUDE_GOAL, "Goal", p -> ((CarePlan) p).getGoal());
		includes(Goal.class, Goal.INCLUDE_SUBJECT, "Patient", g -> List.of(((Goal) g).getSubject()));
		includes(Goal.class, Goal.INCLUDE_PATIENT, "Patient", g -> List.of(((Goal) g).getSubject()));
	}

	@Test
	void clinicalResourcesIncludeTheirPatients() {
		includes(Encounter.class, Encounter.INCLUDE_PATIENT, "Patient", e -> List.of(((Encounter) e).getSubject()));
		includes(Encounter.class, Encounter.INCLUDE_SUBJECT, "Patient", e -> List.of(((Encounter) e).getSubject()));
		includes(Condition.class, Condition.INCLUDE_PATIENT, "Patient", c -> List.of(((Condition) c).getSubject()));
		includes(Condition.class, Condition.INCLUDE_SUBJECT, "Patient", c -> List.of(((Condition) c).getSubject()));
		includes(ServiceRequest.class, ServiceRequest.INCLUDE_PATIENT, "Patient", s -> List.of(((ServiceRequest) s).getSubject()));
		includes(ServiceRequest.class, ServiceRequest.INCLUDE_SUBJECT, "Patient", s -> List.of(((ServiceRequest) s).getSubject()));
		includes(CareTeam.class, CareTeam.INCLUDE_PATIENT, "Patient", t -> List.of(((CareTeam) t).getSubject()));
		includes(CareTeam.class, CareTeam.INCLUDE_SUBJECT, "Patient", t -> List.of(((CareTeam) t).getSubject()));
		includes(MedicationStatement.class, MedicationStatement.INCLUDE_PATIENT, "Patient",
				m -> List.of(((MedicationStatement) m).getSubject()));
		includes(MedicationStatement.class, MedicationStatement.INCLUDE_SUBJECT, "Patient",
				m -> List.of(((MedicationStatement) m).getSubject()));
		includes(AllergyIntolerance.class, AllergyIntolerance.INCLUDE_PATIENT, "Patient",
				a -> List.of(((AllergyIntolerance) a).getPatient()));
	}

	@Test
	void questionnaireResponsesIncludeTheirPatientsAndQuestionnaires() {
		includes(QuestionnaireResponse.class, QuestionnaireResponse.INCLUDE_PATIENT, "Patient",
				q -> List.of(((QuestionnaireResponse) q).getSubject()));
		includes(QuestionnaireResponse.class, QuestionnaireResponse.INCLUDE_SUBJECT, "Patient",
				q -> List.of(((QuestionnaireResponse) q).getSubject()));
		Bundle bundle = search(QuestionnaireResponse.class, QuestionnaireResponse.INCLUDE_QUESTIONNAIRE);
		List<Resource> responses = matches(bundle);
		assertThat(responses).isNotEmpty();
		Set<String> canonicals = new LinkedHashSet<>();
		responses.forEach(r -> canonicals.add(((QuestionnaireResponse) r).getQuestionnaire()));
		List<Resource> questionnaires = resources(bundle, Bundle.SearchEntryMode.INCLUDE);
		assertThat(includedList(bundle)).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("Questionnaire/"));
		assertThat(questionnaires).extracting(q -> ((Questionnaire) q).getUrl() + "|" + ((Questionnaire) q).getVersion())
			.containsExactlyInAnyOrderElementsOf(canonicals);
	}

	@Test
	void anIncludeNotServedIsABadRequest() {
		assertThatThrownBy(() -> client.search().forResource(Task.class).include(new Include("Task:requester"))
			.returnBundle(Bundle.class).execute())
			.isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
				assertThat(((OperationOutcome) ex.getOperationOutcome()).getIssueFirstRep().getDiagnostics()).contains("Task:requester");
			});
		assertThatThrownBy(() -> client.search().forResource(Condition.class).include(new Include("*"))
			.returnBundle(Bundle.class).execute())
			.isInstanceOfSatisfying(InvalidRequestException.class, ex -> assertThat(ex.getOperationOutcome()).isNotNull());
	}

	@Test
	void theCapabilityStatementListsTheIncludes() {
		CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(searchIncludes(cs, "Task")).contains("Task:patient", "Task:subject", "Task:owner");
		assertThat(searchIncludes(cs, "EpisodeOfCare")).contains("EpisodeOfCare:patient", "EpisodeOfCare:care-manager");
		assertThat(searchIncludes(cs, "CarePlan")).contains("CarePlan:subject", "CarePlan:patient", "CarePlan:goal");
		assertThat(searchIncludes(cs, "QuestionnaireResponse")).contains("QuestionnaireResponse:questionnaire");
		assertThat(searchIncludes(cs, "AllergyIntolerance")).contains("AllergyIntolerance:patient");
	}

	/**
	 * Searches with the include and checks that the include entries are exactly the resources of this type the
	 * matches refer to, each once.
	 */
	private Bundle includes(Class<? extends IBaseResource> type, Include include, String target,
			Function<Resource, List<Reference>> references) {
		Bundle bundle = search(type, include);
		List<Resource> matches = matches(bundle);
		assertThat(matches).as("demo %s to search", type.getSimpleName()).isNotEmpty();
		Set<String> expected = new LinkedHashSet<>();
		for (Resource match : matches) {
			for (Reference reference : references.apply(match)) {
				if (reference.hasReference() && reference.getReference().matches("(" + target + ")/.+")) {
					expected.add(reference.getReference());
				}
			}
		}
		assertThat(expected).as("%s refers to some %s", type.getSimpleName(), target).isNotEmpty();
		assertThat(includedList(bundle)).as(include.getValue()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(expected);
		return bundle;
	}

	private Bundle search(Class<? extends IBaseResource> type, Include include) {
		return client.search().forResource(type).include(include).count(100).returnBundle(Bundle.class).execute();
	}

	private static List<Resource> matches(Bundle bundle) {
		List<Resource> out = new ArrayList<>();
		for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
			// neither what was included nor an outcome entry (Part 2 resources withheld) is a match
			if (e.getSearch().getMode() != Bundle.SearchEntryMode.INCLUDE && e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME) {
				out.add(e.getResource());
			}
		}
		return out;
	}

	private static List<Resource> resources(Bundle bundle, Bundle.SearchEntryMode mode) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == mode).map(Bundle.BundleEntryComponent::getResource)
			.toList();
	}

	private static List<String> includedList(Bundle bundle) {
		return resources(bundle, Bundle.SearchEntryMode.INCLUDE).stream()
			.map(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
			.toList();
	}

	private static Set<String> included(Bundle bundle) {
		return new LinkedHashSet<>(includedList(bundle));
	}

	private static List<String> searchIncludes(CapabilityStatement cs, String type) {
		return cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow()
			.getSearchInclude().stream().map(s -> s.getValue()).toList();
	}

	@Autowired com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys;

	@Test
	void anIncludeOfATypeTheScopesDoNotCoverIsRefused() throws Exception {
		com.nimbusds.jose.jwk.RSAKey key = (com.nimbusds.jose.jwk.RSAKey) keys
			.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null).get(0);
		java.time.Instant now = java.time.Instant.now();
		com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("http://localhost:" + port).subject("task-board").audience("caremap")
					.issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(300)))
					.claim("scope", "system/Task.rs").build());
		jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.util.function.Function<String, Integer> get = path -> {
			try {
				return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/fhir/" + path))
					.header("Authorization", "Bearer " + jwt.serialize()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
			}
			catch (java.io.IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		};
		assertThat(get.apply("Task?_count=5")).isEqualTo(200);
		assertThat(get.apply("Task?_count=5&_include=Task:patient")).as("Patient is not in the scopes").isEqualTo(403);
		assertThat(get.apply("Task?_count=5&_include=Task:owner")).as("Practitioner is not in the scopes").isEqualTo(403);
	}
}
