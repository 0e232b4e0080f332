package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The FHIR API for patients driven by HAPI's generic client over real HTTP with bearer tokens: the capability
 * statement, search with paging and by identifier, read, create and update, and refusals (no token, a scope that
 * does not cover the interaction, an unknown id, a malformed parameter) answered with an OperationOutcome.
 */
class FhirPatientApiIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private IGenericClient client;
	private ApiClients.Credentials ehr;

	private String base() {
		return "http://localhost:" + port + "/fhir";
	}

	private IGenericClient client(String token) {
		fhir.getRestfulClientFactory().setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
		IGenericClient c = fhir.newRestfulGenericClient(base());
		if (token != null) c.registerInterceptor(new BearerTokenAuthInterceptor(token));
		return c;
	}

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "EHR " + UUID.randomUUID(), "system/*.cruds");
		client = client(Tokens.accessToken(port, ehr, "system/*.cruds"));
	}

	@Test
	void theCapabilityStatementListsPatientWithItsInteractionsAndNeedsNoToken() {
		CapabilityStatement cs = client(null).capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
		CapabilityStatement.CapabilityStatementRestResourceComponent patient = cs.getRestFirstRep().getResource().stream()
			.filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
		assertThat(patient.getInteraction()).extracting(i -> i.getCode().toCode())
			.contains("read", "search-type", "create", "update");
		assertThat(patient.getSearchParam()).extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
			.contains("identifier", "name", "birthdate", "_lastUpdated");
	}

	@Test
	void searchPagesThroughPatientsAndFindsOneByIdentifier() {
		Bundle first = client.search().forResource(Patient.class).count(7).returnBundle(Bundle.class).execute();
		long total = jdbc.sql("select count(*) from patient where not voided and merged_into is null").query(Long.class).single();
		assertThat(first.getTotal()).isEqualTo((int) total);
		assertThat(first.getEntry()).hasSize(7);
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = client.loadPage().next(first).execute();
		assertThat(second.getEntry()).hasSize(7);
		Set<String> ids = new HashSet<>();
		first.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
		second.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
		assertThat(ids).as("two pages, fourteen different patients").hasSize(14);

		var row = jdbc.sql("select patient_id, system, value from patient_identifier where type = 'MR' limit 1")
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
		Bundle found = client.search().forResource(Patient.class)
			.where(Patient.IDENTIFIER.exactly().systemAndCode(row.get(1), row.get(2))).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(1);
		Patient patient = (Patient) found.getEntryFirstRep().getResource();
		assertThat(patient.getIdElement().getIdPart()).isEqualTo(row.get(0));
		assertThat(patient.getMeta().getProfile().get(0).getValue()).endsWith("us-core-patient");
		assertThat(patient.getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo(row.get(2)));

		Patient read = client.read().resource(Patient.class).withId(row.get(0)).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo(patient.getNameFirstRep().getFamily());
		// reads and searches are audited under the client's name
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'READ' and resource_type = 'Patient' and resource_id = ?")
			.params("system:api:" + ehr.clientId(), row.get(0)).query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void createAndUpdateGoThroughTheRegistry() {
		String mrn = "FHIR-" + UUID.randomUUID().toString().substring(0, 8);
		Patient fresh = new Patient();
		fresh.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.999").setValue(mrn).getAssigner().setDisplay("Valley Clinic");
		fresh.addName().setFamily("Ostrander").addGiven("Mae");
		fresh.setGender(AdministrativeGender.FEMALE);
		fresh.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1948-02-11"));
		var created = client.create().resource(fresh).execute();
		assertThat(created.getCreated()).isTrue();
		String id = created.getId().getIdPart();
		Patient stored = client.read().resource(Patient.class).withId(id).execute();
		assertThat(stored.getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo(mrn));

		stored.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(614) 555-0142");
		client.update().resource(stored).execute();
		assertThat(jdbc.sql("select phone from patient where id = ?").param(UUID.fromString(id)).query(String.class).single())
			.isEqualTo("(614) 555-0142");

		// a second patient with the same record number is refused, with the reason
		assertThatThrownBy(() -> client.create().resource(fresh).execute())
			.isInstanceOfSatisfying(ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException.class,
					ex -> assertThat(ex.getStatusCode()).isBetween(400, 422));
		// a patient without a name is bad input
		Patient nameless = new Patient();
		nameless.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-01-01"));
		assertThatThrownBy(() -> client.create().resource(nameless).execute()).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void refusalsAreOperationOutcomes() throws Exception {
		assertThatThrownBy(() -> client.read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Patient.class).withId("not-a-uuid").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client(null).search().forResource(Patient.class).returnBundle(Bundle.class).execute())
			.isInstanceOf(AuthenticationException.class);
		ApiClients.Credentials registry = Tokens.register(new Actors(users), clients, "Registry " + UUID.randomUUID(),
				"system/Patient.rs");
		IGenericClient readOnly = client(Tokens.accessToken(port, registry, "system/Patient.rs"));
		assertThat(readOnly.search().forResource(Patient.class).count(1).returnBundle(Bundle.class).execute().getEntry()).hasSize(1);
		Patient p = new Patient();
		p.addName().setFamily("Nope").addGiven("No");
		assertThatThrownBy(() -> readOnly.create().resource(p).execute()).isInstanceOf(ForbiddenOperationException.class);

		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> badDate = http.send(HttpRequest.newBuilder(URI.create(base() + "/Patient?birthdate=yesterday"))
			.header("Authorization", "Bearer " + Tokens.accessToken(port, ehr, "system/*.cruds")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(badDate.statusCode()).isEqualTo(400);
		assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, badDate.body()).getIssueFirstRep().getDiagnostics())
			.isNotBlank();
		HttpResponse<String> noLastUpdated = http.send(HttpRequest.newBuilder(URI.create(base() + "/Goal?_lastUpdated=lt2020-01-01"))
			.header("Authorization", "Bearer " + Tokens.accessToken(port, ehr, "system/*.cruds")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(noLastUpdated.statusCode()).as("a search that cannot filter by _lastUpdated says so").isEqualTo(400);
		HttpResponse<String> empty = http.send(HttpRequest.newBuilder(URI.create(base() + "/Patient"))
			.header("Authorization", "Bearer " + Tokens.accessToken(port, ehr, "system/*.cruds"))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
		assertThat(empty.body()).contains("OperationOutcome");
		// API calls are audited as what they did, not as sign-ins
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'SIGN_IN'").param(ehr.clientId())
			.query(Long.class).single()).isZero();
		HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base() + "/Patient"))
			.header("Authorization", "Bearer forged.token.value").build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(forged.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
		assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, forged.body()).getIssueFirstRep().getCode().toCode())
			.isEqualTo("login");
		HttpResponse<String> smart = http.send(HttpRequest.newBuilder(URI.create(base() + "/.well-known/smart-configuration")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(smart.statusCode()).isEqualTo(200);
		assertThat(smart.body()).contains("\"token_endpoint\":\"http://localhost:" + port + "/oauth2/token\"");
	}
}
