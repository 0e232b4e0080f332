package org.caremap.utilization.fhir;

import java.time.Instant;
import java.util.Date;
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
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.access.PatientAccess;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.caremap.utilization.Eligibilities;
import org.caremap.utilization.Eligibility;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Eligibility questions to payers and their answers as FHIR {@code CoverageEligibilityRequest} and
 * {@code CoverageEligibilityResponse} (the answer has the question's id), stored through the utilization module, which
 * authorizes by the patient's record and audits. Read, search by {@code patient} and {@code _lastUpdated}; create of a
 * request (the patient, the insurer's name, the service asked about) and of a response (to a stored request: in force
 * or not, whether the service needs prior authorization, the payer's note).
 */
final class EligibilityResourceProviders {

	static final String PURPOSE_AUTH = "auth-requirements";

	private EligibilityResourceProviders() {
	}

	static CoverageEligibilityRequest request(Eligibility e) {
		CoverageEligibilityRequest r = new CoverageEligibilityRequest();
		r.setId(e.id().toString());
		r.getMeta().setLastUpdated(Date.from(e.updatedAt()));
		r.setStatus(CoverageEligibilityRequest.EligibilityRequestStatus.ACTIVE);
		r.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.AUTHREQUIREMENTS);
		r.addPurpose(CoverageEligibilityRequest.EligibilityRequestPurpose.VALIDATION);
		r.setPatient(new Reference("Patient/" + e.patient().value()));
		r.setCreated(Date.from(e.askedAt()));
		r.setInsurer(new Reference().setDisplay(e.payer()));
		if (e.memberId() != null) r.addInsurance().setCoverage(new Reference().setDisplay(e.payer() + " member " + e.memberId()));
		if (e.service() != null) r.addItem().setProductOrService(new CodeableConcept().setText(e.service()));
		return r;
	}

	static CoverageEligibilityResponse response(Eligibility e) {
		CoverageEligibilityResponse r = new CoverageEligibilityResponse();
		r.setId(e.id().toString());
		r.getMeta().setLastUpdated(Date.from(e.updatedAt()));
		r.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
		r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.AUTHREQUIREMENTS);
		r.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.VALIDATION);
		r.setPatient(new Reference("Patient/" + e.patient().value()));
		r.setCreated(Date.from(e.answeredAt()));
		r.setRequest(new Reference("CoverageEligibilityRequest/" + e.id()));
		r.setOutcome(Enumerations.RemittanceOutcome.COMPLETE);
		r.setInsurer(new Reference().setDisplay(e.payer()));
		if (e.answerNote() != null) r.setDisposition(e.answerNote());
		if (e.payerReference() != null) r.setPreAuthRef(e.payerReference());
		CoverageEligibilityResponse.InsuranceComponent insurance = r.addInsurance()
			.setCoverage(new Reference().setDisplay(e.payer() + (e.memberId() == null ? "" : " member " + e.memberId())));
		if (e.inForce() != null) insurance.setInforce(e.inForce());
		if (e.service() != null || e.authRequired() != null) {
			CoverageEligibilityResponse.ItemsComponent item = insurance.addItem();
			if (e.service() != null) item.setProductOrService(new CodeableConcept().setText(e.service()));
			if (e.authRequired() != null) item.setAuthorizationRequired(e.authRequired());
		}
		return r;
	}

	private static IBundleProvider search(JdbcClient jdbc, PatientAccess access, @Nullable ReferenceParam patient,
			@Nullable DateRangeParam lastUpdated, @Nullable Integer offset, @Nullable Integer count, boolean answered,
			java.util.function.Function<UUID, Optional<? extends org.hl7.fhir.instance.model.api.IBaseResource>> load) {
		FhirSearch search = new FhirSearch("coverage_eligibility e").readableBy(access.readableScope(), "e.patient_id");
		if (answered) search.and("e.answered_at is not null");
		if (patient != null) search.and("e.patient_id = ?", FhirSearch.patient(patient));
		search.within("e.updated_at", lastUpdated);
		return search.page(jdbc, "e.id", "e.asked_at, e.id", offset, count, load);
	}

	@Component
	static class RequestProvider implements IResourceProvider {

		private final Eligibilities eligibilities;
		private final JdbcClient jdbc;
		private final PatientAccess access;

		RequestProvider(Eligibilities eligibilities, JdbcClient jdbc, PatientAccess access) {
			this.eligibilities = eligibilities;
			this.jdbc = jdbc;
			this.access = access;
		}

		@Override
		public Class<CoverageEligibilityRequest> getResourceType() {
			return CoverageEligibilityRequest.class;
		}

		private Optional<CoverageEligibilityRequest> load(UUID id) {
			return eligibilities.find(id).map(EligibilityResourceProviders::request);
		}

		@Read
		public CoverageEligibilityRequest read(@IdParam IdType id) {
			return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
		}

		@Search
		public IBundleProvider search(@OptionalParam(name = CoverageEligibilityRequest.SP_PATIENT) @Nullable ReferenceParam patient,
				@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated, @Offset @Nullable Integer offset,
				@Count @Nullable Integer count) {
			return EligibilityResourceProviders.search(jdbc, access, patient, lastUpdated, offset, count, false, this::load);
		}

		@Create
		public MethodOutcome create(@ResourceParam CoverageEligibilityRequest r) {
			if (!r.getPatient().hasReference()) throw new UnprocessableEntityException("CoverageEligibilityRequest.patient: name the patient.");
			PatientId patient = new PatientId(FhirSearch.uuid(new IdType(r.getPatient().getReference()).getIdPart(), "patient"));
			String payer = r.getInsurer().getDisplay();
			if (payer == null || payer.isBlank()) {
				throw new UnprocessableEntityException("CoverageEligibilityRequest.insurer: name the payer (its display).");
			}
			String service = r.getItem().isEmpty() ? null : r.getItemFirstRep().getProductOrService().getText();
			Instant asked = r.hasCreated() ? r.getCreated().toInstant() : Instant.now();
			if (asked.isAfter(Instant.now().plusSeconds(300))) throw new UnprocessableEntityException("CoverageEligibilityRequest.created is in the future.");
			if (payer.length() > 200 || (service != null && service.length() > 500)) {
				throw new UnprocessableEntityException("CoverageEligibilityRequest: the insurer's name is at most 200 characters, the service 500.");
			}
			UUID id = eligibilities.ask(patient, payer, null, service, asked);
			MethodOutcome outcome = new MethodOutcome(new IdType("CoverageEligibilityRequest", id.toString()), true);
			outcome.setResource(read(new IdType("CoverageEligibilityRequest", id.toString())));
			return outcome;
		}
	}

	@Component
	static class ResponseProvider implements IResourceProvider {

		private final Eligibilities eligibilities;
		private final JdbcClient jdbc;
		private final PatientAccess access;

		ResponseProvider(Eligibilities eligibilities, JdbcClient jdbc, PatientAccess access) {
			this.eligibilities = eligibilities;
			this.jdbc = jdbc;
			this.access = access;
		}

		@Override
		public Class<CoverageEligibilityResponse> getResourceType() {
			return CoverageEligibilityResponse.class;
		}

		private Optional<CoverageEligibilityResponse> load(UUID id) {
			return eligibilities.find(id).filter(e -> e.answeredAt() != null).map(EligibilityResourceProviders::response);
		}

		@Read
		public CoverageEligibilityResponse read(@IdParam IdType id) {
			return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
		}

		@Search
		public IBundleProvider search(@OptionalParam(name = CoverageEligibilityResponse.SP_PATIENT) @Nullable ReferenceParam patient,
				@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated, @Offset @Nullable Integer offset,
				@Count @Nullable Integer count) {
			return EligibilityResourceProviders.search(jdbc, access, patient, lastUpdated, offset, count, true, this::load);
		}

		@Create
		public MethodOutcome create(@ResourceParam CoverageEligibilityResponse r) {
			if (!r.getRequest().hasReference()) {
				throw new UnprocessableEntityException("CoverageEligibilityResponse.request: name the stored request (CoverageEligibilityRequest/<id>).");
			}
			UUID request = FhirSearch.uuid(new IdType(r.getRequest().getReference()).getIdPart(), "request");
			if (r.getInsurance().isEmpty() || !r.getInsuranceFirstRep().hasInforce()) {
				throw new UnprocessableEntityException("CoverageEligibilityResponse.insurance.inforce: say whether the coverage is in force.");
			}
			Boolean authRequired = r.getInsuranceFirstRep().getItem().stream().filter(i -> i.hasAuthorizationRequired())
				.map(i -> i.getAuthorizationRequired()).findFirst().orElse(null);
			Instant answered = r.hasCreated() ? r.getCreated().toInstant() : Instant.now();
			String note = r.getDisposition();
			if ((note != null && note.length() > 2000) || (r.getPreAuthRef() != null && r.getPreAuthRef().length() > 100)) {
				throw new UnprocessableEntityException("CoverageEligibilityResponse: the disposition is at most 2000 characters, preAuthRef 100.");
			}
			if (eligibilities.find(request).isEmpty()) throw new ResourceNotFoundException(new IdType("CoverageEligibilityRequest", request.toString()));
			eligibilities.answer(request, answered, r.getInsuranceFirstRep().getInforce(), authRequired, note, r.getPreAuthRef());
			MethodOutcome outcome = new MethodOutcome(new IdType("CoverageEligibilityResponse", request.toString()), true);
			outcome.setResource(read(new IdType("CoverageEligibilityResponse", request.toString())));
			return outcome;
		}
	}
}
