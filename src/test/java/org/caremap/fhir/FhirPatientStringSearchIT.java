package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ICriterion;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * FHIR string search on patients' names (issue 24), as FHIR defines it: {@code family}, {@code given} (first and
 * middle names) and {@code name} (any of them) match a name that equals or starts with the value, whatever its case
 * and accents, and never a value found only in the middle of a name; {@code :exact} matches the whole name exactly
 * (case and accents too); {@code :contains} anywhere in it. A search's patients are the same resources a read
 * gives, and each search is answered in one statement.
 */
class FhirPatientStringSearchIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private IGenericClient client;
	private String token;
	/** Letters no other test's patients start with: every name here begins or ends with them. */
	private String tag;

	@BeforeEach
	void setUp() throws Exception {
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "Registry " + UUID.randomUUID(), "system/*.cruds");
		fhir.getRestfulClientFactory().setServerValidationMode(ca.uhn.fhir.rest.client.api.ServerValidationModeEnum.NEVER);
		client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		token = Tokens.accessToken(port, ehr, "system/*.cruds");
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		StringBuilder letters = new StringBuilder("qz");
		Random random = new Random();
		for (int i = 0; i < 8; i++) letters.append((char) ('a' + random.nextInt(26)));
		tag = letters.toString();
	}

	private String create(String family, String given, String middle) {
		Patient p = new Patient();
		var name = p.addName().setFamily(family).addGiven(given);
		if (middle != null) name.addGiven(middle);
		p.setGender(AdministrativeGender.FEMALE);
		p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1961-04-12"));
		p.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.777").setValue("S-" + UUID.randomUUID());
		return client.create().resource(p).execute().getId().getIdPart();
	}

	private List<String> found(ICriterion<?> criterion, ICriterion<?>... more) {
		var query = client.search().forResource(Patient.class).where(criterion);
		for (ICriterion<?> and : more) query = query.and(and);
		Bundle bundle = query.count(50).returnBundle(Bundle.class).execute();
		if (bundle.getTotal() <= 50) assertThat(bundle.getTotal()).isEqualTo(bundle.getEntry().size());
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	@Test
	void namesMatchFromTheirStartWhateverTheCaseAndAccents() {
		String capitalized = Character.toUpperCase(tag.charAt(0)) + tag.substring(1);
		String emond = create("Émond" + tag, "Renée", null);
		String nunez = create(capitalized + "Núñez", "Lucía", "Zoë");
		String oconnor = create(capitalized + "oconnor", "Ana", "Élodie");

		// family: starts with, case and accents ignored, the rest of the name free
		assertThat(found(Patient.FAMILY.matches().value("emond" + tag))).containsExactly(emond);
		assertThat(found(Patient.FAMILY.matches().value("ÉMOND" + tag.toUpperCase()))).containsExactly(emond);
		assertThat(found(Patient.FAMILY.matches().value(tag))).as("in the order of the names: núñez before oconnor")
			.containsExactly(nunez, oconnor);
		assertThat(found(Patient.FAMILY.matches().value(tag + "nunez"))).containsExactly(nunez);
		assertThat(found(Patient.FAMILY.matches().value(tag.toUpperCase() + "NÚÑ"))).containsExactly(nunez);
		// never from the middle of a name
		assertThat(found(Patient.FAMILY.matches().value("mond" + tag))).isEmpty();
		assertThat(found(Patient.FAMILY.matches().value("nunez"))).doesNotContain(nunez);

		// :exact is the whole name, exactly
		assertThat(found(Patient.FAMILY.matchesExactly().value("Émond" + tag))).containsExactly(emond);
		assertThat(found(Patient.FAMILY.matchesExactly().value("emond" + tag))).isEmpty();
		assertThat(found(Patient.FAMILY.matchesExactly().value("Émond"))).doesNotContain(emond);

		// :contains anywhere in the name, case and accents ignored
		assertThat(found(Patient.FAMILY.contains().value("MOND" + tag))).containsExactly(emond);
		assertThat(found(Patient.FAMILY.contains().value(tag.substring(2) + "nu"))).containsExactly(nunez);

		// given: the first and the middle names (among this test's patients: every family name holds the tag)
		ICriterion<?> ours = Patient.FAMILY.contains().value(tag);
		assertThat(found(ours)).containsExactlyInAnyOrder(emond, nunez, oconnor);
		assertThat(found(Patient.GIVEN.matches().value("renee"), ours)).containsExactly(emond);
		assertThat(found(Patient.GIVEN.matches().value("ZOE"), ours)).containsExactly(nunez);
		assertThat(found(Patient.GIVEN.matches().value("elo"), ours)).containsExactly(oconnor);
		assertThat(found(Patient.GIVEN.matches().value("cia"), ours)).isEmpty();
		assertThat(found(Patient.GIVEN.matchesExactly().value("Lucia"), ours)).isEmpty();
		assertThat(found(Patient.GIVEN.matchesExactly().value("Lucía"), ours)).containsExactly(nunez);

		// name: any part; with family, both
		assertThat(found(Patient.NAME.matches().value(tag))).containsExactly(nunez, oconnor);
		assertThat(found(Patient.NAME.matches().value("emond" + tag))).containsExactly(emond);
		assertThat(found(Patient.NAME.matches().value("zoë"), ours)).containsExactly(nunez);
		assertThat(found(Patient.FAMILY.matches().value(tag), Patient.GIVEN.matches().value("ana"))).containsExactly(oconnor);
	}

	@Test
	void aValueHoldingANulIsABadRequest() throws Exception {
		java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/fhir/Patient?family=ab%00cd"))
			.header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("OperationOutcome");
	}

	@Test
	void aSearchGivesThePatientsAReadGivesAndPagesWithItsTotal() {
		List<String> ids = List.of(create(tag + "a", "One", null), create(tag + "b", "Two", "Middle"), create(tag + "c", "Three", null));
		Bundle first = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value(tag)).count(2)
			.returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo(3);
		assertThat(first.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(ids.get(0), ids.get(1));
		Bundle second = client.loadPage().next(first).execute();
		assertThat(second.getTotal()).isEqualTo(3);
		assertThat(second.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(ids.get(2));
		// the same resource, whether read or found
		var json = fhir.newJsonParser();
		for (Bundle.BundleEntryComponent entry : first.getEntry()) {
			Patient read = client.read().resource(Patient.class).withId(entry.getResource().getIdElement().getIdPart()).execute();
			Patient searched = (Patient) entry.getResource();
			read.setMeta(read.getMeta().copy().setVersionId(null));
			searched.setMeta(searched.getMeta().copy().setVersionId(null));
			assertThat(json.encodeResourceToString(searched.setIdElement(searched.getIdElement().toUnqualifiedVersionless())))
				.isEqualTo(json.encodeResourceToString(read.setIdElement(read.getIdElement().toUnqualifiedVersionless())));
		}
		// a page past the end: no patients, the total still told
		Bundle past = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value(tag)).offset(10).count(2)
			.returnBundle(Bundle.class).execute();
		assertThat(past.getEntry()).isEmpty();
		assertThat(past.getTotal()).isEqualTo(3);
		// by identifier, with and without its system
		String value = jdbc.sql("select value from patient_identifier where patient_id = ?::uuid").param(ids.get(1)).query(String.class).single();
		assertThat(found(Patient.IDENTIFIER.exactly().systemAndCode("urn:oid:2.16.840.1.113883.3.777", value))).containsExactly(ids.get(1));
		assertThat(found(Patient.IDENTIFIER.exactly().code(value))).containsExactly(ids.get(1));
		assertThat(found(Patient.IDENTIFIER.exactly().systemAndCode("urn:oid:1.2.3", value))).isEmpty();
	}
}
