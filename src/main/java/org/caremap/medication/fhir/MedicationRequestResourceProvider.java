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
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.medication.DischargeOrders;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Discharge medication orders as US Core MedicationRequests: read; search by patient (or subject), status and last
 * update, paged; create (a discharge list sent one order at a time, put in the patient's draft reconciliation).
 * Authorized and audited by the medication module.
 */
@Component
class MedicationRequestResourceProvider implements IResourceProvider {

	private final DischargeOrders orders;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	MedicationRequestResourceProvider(DischargeOrders orders, JdbcClient jdbc, PatientAccess access) {
		this.orders = orders;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<MedicationRequest> getResourceType() {
		return MedicationRequest.class;
	}

	@Read
	public MedicationRequest read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = MedicationRequest.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = MedicationRequest.SP_SUBJECT) @Nullable ReferenceParam subject,
			@OptionalParam(name = MedicationRequest.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("medication_request m").readableBy(access.readableScope(), "m.patient_id");
		if (patient != null) search.and("m.patient_id = ?", FhirSearch.patient(patient));
		if (subject != null) search.and("m.patient_id = ?", FhirSearch.patient(subject));
		if (status != null) search.and("m.status = ?", status.getValue());
		search.within("m.created_at", lastUpdated);
		return search.page(jdbc, "m.id", "m.created_at, m.id", offset, count, this::load);
	}

	@Create
	public MethodOutcome create(@ResourceParam MedicationRequest request) {
		UUID id;
		try {
			PatientId patient = OrderFhir.subject(request.getSubject(), "MedicationRequest.subject");
			if (!request.hasMedicationCodeableConcept()) {
				throw new IllegalArgumentException("MedicationRequest.medicationCodeableConcept is required (RxNorm code or text)");
			}
			OrderFhir.Drug drug = OrderFhir.drug(request.getMedicationCodeableConcept()).orElseThrow(() ->
					new IllegalArgumentException("MedicationRequest.medicationCodeableConcept needs a name (text or display)"));
			String status = request.hasStatus() ? request.getStatus().toCode() : "active";
			String intent = request.hasIntent() ? request.getIntent().toCode() : "order";
			id = orders.record(patient, OrderFhir.encounter(request), OrderFhir.entry(drug, request),
					request.hasDosageInstruction() && request.getDosageInstructionFirstRep().hasText()
							? request.getDosageInstructionFirstRep().getText() : null,
					status, intent, request.hasAuthoredOn() ? request.getAuthoredOn().toInstant() : null,
					request.hasIdentifier() ? request.getIdentifierFirstRep().getValue() : null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage() + ".");
		}
		MethodOutcome outcome = new MethodOutcome(new IdType("MedicationRequest", id.toString()), true);
		outcome.setResource(read(new IdType("MedicationRequest", id.toString())));
		return outcome;
	}

	private Optional<MedicationRequest> load(UUID id) {
		return orders.find(id).map(OrderFhir::toFhir);
	}
}
