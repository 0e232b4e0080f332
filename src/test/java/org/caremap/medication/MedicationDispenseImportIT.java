package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.caremap.identity.ApiClients;
import org.caremap.organization.Organizations;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Pharmacy fills sent as a FHIR transaction bundle over real HTTP: the fills are stored once (the same bundle again
 * finds them), the patient's PDC is computed for the statins (the early refill shifted), the patient is flagged
 * below 80% with one AdherenceGapFound, and the fills are served back as MedicationDispenses; a dispense without its
 * days supply is refused.
 */
class MedicationDispenseImportIT extends IntegrationTest {

	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Organizations organizations;

	private IGenericClient fhirClient() throws Exception {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials pharmacy = Tokens.register(new Actors(users), clients, "Pharmacy " + UUID.randomUUID(), "system/*.cruds");
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, pharmacy, "system/*.cruds")));
		return client;
	}

	private static Bundle.BundleEntryComponent entry(Bundle bundle, Resource resource) {
		Bundle.BundleEntryComponent e = bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource);
		e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
		return e;
	}

	private static MedicationDispense dispense(Reference subject, LocalDate on, int days) {
		MedicationDispense d = new MedicationDispense();
		d.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
		d.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, "617310", "Atorvastatin 20 MG Oral Tablet")));
		d.setSubject(subject);
		d.setWhenHandedOverElement(new DateTimeType(on.toString()));
		d.setDaysSupply(new Quantity().setValue(days).setUnit("days").setSystem("http://unitsofmeasure.org").setCode("d"));
		d.setQuantity(new Quantity().setValue(days));
		d.addPerformer().setActor(new Reference().setDisplay("Riverside Community Pharmacy"));
		return d;
	}

	private Bundle fills(String mrn, LocalDate jan1) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.3.777").setValue(mrn).getType()
			.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null));
		patient.addName().setFamily("Fillmore").addGiven("Rosa");
		patient.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("1948-07-02"));
		Reference subject = new Reference(entry(bundle, patient).getFullUrl());
		entry(bundle, dispense(subject, jan1, 10));
		entry(bundle, dispense(subject, jan1.plusDays(4), 10));
		return bundle;
	}

	@Test
	void fillsImportedOverHttpGiveThePdcAndFlagThePatientOnce() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		LocalDate today = LocalDate.now(zone);
		// the measurement period is the calendar year to date: this test needs its first 26 days behind it
		assertThat(today.getDayOfYear()).as("day of the year (the test's fills are on 1 and 5 January)").isGreaterThan(25);
		LocalDate jan1 = today.withDayOfYear(1);
		IGenericClient client = fhirClient();
		String mrn = "RX-" + UUID.randomUUID().toString().substring(0, 8);

		Bundle response = client.transaction().withBundle(fills(mrn, jan1)).execute();
		assertThat(response.getEntry()).hasSize(3);
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getLocation()).startsWith("MedicationDispense/");
		UUID patient = jdbc.sql("select patient_id from patient_identifier where value = ?").param(mrn).query(UUID.class).single();
		assertThat(jdbc.sql("select count(*) from medication_fill where patient_id = ?").param(patient).query(Long.class).single())
			.isEqualTo(2);

		// by hand: 1 Jan + 10 days -> 1..10 Jan; the refill of 5 Jan is shifted to 11..20 Jan: 20 days covered.
		// The period runs from 1 Jan (the first fill) to today: day-of-year days. PDC = 20 / day of year.
		int days = today.getDayOfYear();
		var row = jdbc.sql("select days_in_period, days_covered, fills, pdc, flagged_at from medication_adherence "
				+ "where patient_id = ? and drug_class = 'STATIN' and period = ?").params(patient, String.valueOf(today.getYear()))
			.query().singleRow();
		assertThat(row.get("days_in_period")).isEqualTo(days);
		assertThat(row.get("days_covered")).isEqualTo(20);
		assertThat(row.get("fills")).isEqualTo(2);
		assertThat((BigDecimal) row.get("pdc")).isEqualByComparingTo(BigDecimal.valueOf(20)
			.divide(BigDecimal.valueOf(days), 4, java.math.RoundingMode.HALF_UP));
		assertThat(row.get("flagged_at")).as("below 80%: flagged").isNotNull();

		// the task module heard AdherenceGapFound: nobody's case here, so no follow-up; the event is published once
		long published = publications(patient);
		assertThat(published).isEqualTo(1);

		// the same bundle again: found, not added; no second event
		Bundle again = client.transaction().withBundle(fills(mrn, jan1)).execute();
		assertThat(again.getEntry().get(1).getResponse().getStatus()).startsWith("200");
		assertThat(jdbc.sql("select count(*) from medication_fill where patient_id = ?").param(patient).query(Long.class).single())
			.isEqualTo(2);
		assertThat(publications(patient)).isEqualTo(1);

		// served back as US Core MedicationDispenses, searched by patient
		Bundle found = client.search().forResource(MedicationDispense.class)
			.where(MedicationDispense.PATIENT.hasId("Patient/" + patient)).returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).hasSize(2);
		MedicationDispense first = (MedicationDispense) found.getEntryFirstRep().getResource();
		assertThat(first.getDaysSupply().getValue()).isEqualByComparingTo("10");
		assertThat(first.getWhenHandedOverElement().getValueAsString()).isEqualTo(jan1.toString());
		assertThat(first.getMeta().getProfile().get(0).getValue()).endsWith("us-core-medicationdispense");

		// the chart's header flags the patient (below 80%) for whoever may read the record
		assertThat(jdbc.sql("select count(*) from medication_adherence where patient_id = ? and pdc < 0.8").param(patient)
			.query(Long.class).single()).isEqualTo(1);

		// a dispense without days supply is refused with the element named, nothing stored
		MedicationDispense incomplete = dispense(new Reference("Patient/" + patient), jan1.plusDays(20), 30);
		incomplete.setDaysSupply(null);
		assertThatThrownBy(() -> client.create().resource(incomplete).execute()).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("daysSupply");
		MedicationDispense yearOnly = dispense(new Reference("Patient/" + patient), jan1.plusDays(20), 30);
		yearOnly.setWhenHandedOverElement(new DateTimeType(String.valueOf(today.getYear())));
		assertThatThrownBy(() -> client.create().resource(yearOnly).execute()).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("whenHandedOver");
		assertThat(jdbc.sql("select count(*) from medication_fill where patient_id = ?").param(patient).query(Long.class).single())
			.isEqualTo(2);
	}

	private long publications(UUID patient) {
		return Eventually.value("the AdherenceGapFound publication", () -> jdbc.sql("""
				select count(*) from event_publication
				where event_type = 'org.caremap.medication.AdherenceGapFound' and serialized_event like ?""")
			.param("%" + patient + "%").query(Long.class).single(), n -> n > 0);
	}
}
