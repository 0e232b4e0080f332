package org.caremap.medication.fhir;

import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.medication.Adherence;
import org.caremap.medication.Recorded;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pharmacy fills as US Core MedicationDispenses: create (a fill handed over, with its days supply; the same fill sent
 * again is found, not added), read, search by patient (or subject) and last update, paged. Each fill recomputes the
 * patient's adherence. Batch and transaction bundles go through {@link DispenseImporter}.
 */
@Component
class MedicationDispenseResourceProvider implements IResourceProvider {

	private final Adherence adherence;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	MedicationDispenseResourceProvider(Adherence adherence, JdbcClient jdbc, PatientAccess access) {
		this.adherence = adherence;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<MedicationDispense> getResourceType() {
		return MedicationDispense.class;
	}

	@Read
	public MedicationDispense read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = MedicationDispense.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = MedicationDispense.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("medication_fill f").readableBy(access.readableScope(), "f.patient_id");
		if (patient != null) search.and("f.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("f.patient_id = ?", FhirSearch.patient(subject));
		search.within("f.created_at", lastUpdated);
		return search.page(jdbc, "f.id", "f.filled_on, f.id", offset, count, this::load);
	}

	@Create
	public MethodOutcome create(@ResourceParam MedicationDispense dispense) {
		Recorded recorded;
		try {
			PatientId patient = OrderFhir.subject(dispense.getSubject(), "MedicationDispense.subject");
			if (!dispense.hasMedicationCodeableConcept()) {
				throw new IllegalArgumentException("MedicationDispense.medicationCodeableConcept is required (RxNorm code or text)");
			}
			OrderFhir.Drug drug = OrderFhir.drug(dispense.getMedicationCodeableConcept()).orElseThrow(() ->
					new IllegalArgumentException("MedicationDispense.medicationCodeableConcept needs a name (text or display)"));
			recorded = adherence.record(OrderFhir.fill(dispense, patient, drug));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage() + ".");
		}
		MethodOutcome outcome = new MethodOutcome(new IdType("MedicationDispense", recorded.id().toString()), recorded.created());
		outcome.setResource(read(new IdType("MedicationDispense", recorded.id().toString())));
		return outcome;
	}

	private Optional<MedicationDispense> load(UUID id) {
		return adherence.fill(id).map(OrderFhir::toFhir);
	}
}
