package org.caremap.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * An EHR's transaction bundle with every kind of resource Caremap keeps: the first post creates each (201 with
 * where), the second finds each (200 with the same place), a resource Caremap does not keep is reported as not
 * kept; a bundle that is not a transaction or batch and a token that may not create are refused.
 */
class FhirTransactionIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final FhirContext fhir = FhirContext.forR4Cached();

	private IGenericClient client(String scope) throws Exception {
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials ehr = Tokens.register(new Actors(users), clients, "EHR " + UUID.randomUUID(), scope);
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, ehr, scope)));
		return client;
	}

	private static Bundle.BundleEntryComponent entry(Bundle bundle, Resource resource) {
		String url = "urn:uuid:" + UUID.randomUUID();
		Bundle.BundleEntryComponent e = bundle.addEntry().setFullUrl(url).setResource(resource);
		e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
		return e;
	}

	private static Bundle record(String mrn, String npi) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Practitioner doctor = new Practitioner();
		doctor.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(npi);
		doctor.addName().setFamily("Okafor").addGiven("Ada").addPrefix("Dr.");
		entry(bundle, doctor);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.777").setValue(mrn).getType()
			.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null));
		patient.addName().setFamily("Quennell").addGiven("Iris");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1951-03-14"));
		String patientUrl = entry(bundle, patient).getFullUrl();
		Reference subject = new Reference(patientUrl);
		Condition condition = new Condition().setSubject(subject)
			.setCode(new CodeableConcept().addCoding(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "I50.9", "Heart failure, unspecified")));
		condition.setOnset(new DateTimeType("2024-06-01"));
		entry(bundle, condition);
		Coverage coverage = new Coverage().setBeneficiary(subject).setSubscriberId("MEM-" + mrn)
			.setPeriod(new Period().setStartElement(new DateTimeType("2024-01-01")));
		coverage.addPayor().setDisplay("Lakeshore Health Plan");
		entry(bundle, coverage);
		Encounter encounter = new Encounter().setSubject(subject).setStatus(Encounter.EncounterStatus.FINISHED)
			.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"))
			.setPeriod(new Period().setStartElement(new DateTimeType("2024-06-01T08:00:00Z")).setEndElement(new DateTimeType("2024-06-05T12:00:00Z")));
		encounter.addIdentifier().setSystem("urn:ehr:visit").setValue("V-" + mrn);
		entry(bundle, encounter);
		MedicationStatement medication = new MedicationStatement().setSubject(subject)
			.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE)
			.setMedication(new CodeableConcept().addCoding(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "314076", "lisinopril 10 MG Oral Tablet")));
		medication.setEffective(new DateTimeType("2024-06-05"));
		entry(bundle, medication);
		AllergyIntolerance allergy = new AllergyIntolerance().setPatient(subject)
			.setCode(new CodeableConcept().addCoding(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "7980", "penicillin G")));
		allergy.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
				"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
		entry(bundle, allergy);
		entry(bundle, new Observation().setSubject(subject).setStatus(Observation.ObservationStatus.FINAL)
			.setCode(new CodeableConcept().setText("Body weight")));
		return bundle;
	}

	@Test
	void aRecordPostedTwiceIsCreatedOnceAndFoundTheSecondTime() throws Exception {
		IGenericClient ehr = client("system/*.cruds");
		String mrn = "TX-" + UUID.randomUUID().toString().substring(0, 8);
		String npi = "19" + String.format("%08d", Math.abs(mrn.hashCode()) % 100_000_000);
		Bundle first = ehr.transaction().withBundle(record(mrn, npi)).execute();
		assertThat(first.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		List<String> statuses = first.getEntry().stream().map(e -> e.getResponse().getStatus()).toList();
		assertThat(statuses.subList(0, 7)).allMatch(s -> s.startsWith("201"));
		assertThat(first.getEntry().get(7).getResponse().getStatus()).startsWith("200");
		assertThat(first.getEntry().get(7).getResponse().getOutcome()).isNotNull();
		List<String> locations = first.getEntry().subList(0, 7).stream().map(e -> e.getResponse().getLocation()).toList();
		assertThat(locations).extracting(l -> l.split("/")[0]).containsExactly("Practitioner", "Patient", "Condition", "Coverage",
				"Encounter", "MedicationStatement", "AllergyIntolerance");
		String patientId = locations.get(1).split("/")[1];
		assertThat(jdbc.sql("select count(*) from patient_coverage where patient_id = ?::uuid and payer = 'Lakeshore Health Plan'")
			.param(patientId).query(Long.class).single()).isEqualTo(1);

		Bundle second = ehr.transaction().withBundle(record(mrn, npi)).execute();
		assertThat(second.getEntry().subList(0, 7)).allMatch(e -> e.getResponse().getStatus().startsWith("200"));
		assertThat(second.getEntry().subList(0, 7).stream().map(e -> e.getResponse().getLocation()).toList()).isEqualTo(locations);
	}

	@Test
	void bundlesAndTokensThatCannotImportAreRefused() throws Exception {
		IGenericClient ehr = client("system/*.cruds");
		Bundle document = record("DOC-" + UUID.randomUUID().toString().substring(0, 6), "1912345678").setType(Bundle.BundleType.DOCUMENT);
		assertThatThrownBy(() -> ehr.transaction().withBundle(document).execute()).isInstanceOf(InvalidRequestException.class);
		IGenericClient reader = client("system/*.rs");
		String mrn = "RO-" + UUID.randomUUID().toString().substring(0, 8);
		assertThatThrownBy(() -> reader.transaction().withBundle(record(mrn, "1987654321")).execute())
			.isInstanceOf(ForbiddenOperationException.class);
		assertThat(jdbc.sql("select count(*) from patient_identifier where value = ?").param(mrn).query(Long.class).single()).isZero();
	}

	@Test
	void aBadCodeIsNotKeptAndAnotherRecordNumberOfTheSameHospitalIsAnotherPatient() throws Exception {
		IGenericClient ehr = client("system/*.cruds");
		String mrn = "BC-" + UUID.randomUUID().toString().substring(0, 8);
		Bundle bundle = record(mrn, "1955" + String.format("%06d", Math.abs(mrn.hashCode()) % 1_000_000));
		((Condition) bundle.getEntry().get(2).getResource()).getCode().getCodingFirstRep().setCode("NOT-A-CODE");
		Bundle response = ehr.transaction().withBundle(bundle).execute();
		assertThat(response.getEntry().get(2).getResponse().getStatus()).startsWith("200");
		assertThat(response.getEntry().get(2).getResponse().getOutcome()).isNotNull();
		String patient = response.getEntry().get(1).getResponse().getLocation();
		// the patient stays readable, and so does every search over patients
		assertThat(ehr.read().resource(Patient.class).withUrl(patient).execute().getNameFirstRep().getFamily()).isEqualTo("Quennell");
		assertThat(ehr.search().forResource(Patient.class).count(500).returnBundle(Bundle.class).execute().getEntry()).isNotEmpty();

		// same name (one letter off) and birth date, but another record number of the same hospital: another person
		Bundle other = record("BD-" + UUID.randomUUID().toString().substring(0, 8), "1956" + String.format("%06d", Math.abs(mrn.hashCode()) % 1_000_000));
		((Patient) other.getEntry().get(1).getResource()).getNameFirstRep().setFamily("Quenell");
		Bundle second = ehr.transaction().withBundle(other).execute();
		assertThat(second.getEntry().get(1).getResponse().getStatus()).startsWith("201");
		assertThat(second.getEntry().get(1).getResponse().getLocation()).isNotEqualTo(patient);
	}
}
