package org.caremap.utilization.fhir;

import java.util.Locale;
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
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.NewAuthorization;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Prior authorization requests as FHIR {@code Claim} (use = preauthorization; see {@link ClaimFhir}), through the
 * utilization module's API, which authorizes (by the patient's record) and audits each one. Read; search by
 * {@code patient}, {@code status} (draft, active, cancelled), {@code use} (preauthorization) and {@code _lastUpdated},
 * paged; create: a draft is stored as a draft, an active request is stored and sent (its decision clock starts).
 */
@Component
class ClaimResourceProvider implements IResourceProvider {

	private final Authorizations authorizations;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	ClaimResourceProvider(Authorizations authorizations, JdbcClient jdbc, PatientAccess access) {
		this.authorizations = authorizations;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<Claim> getResourceType() {
		return Claim.class;
	}

	@Read
	public Claim read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	private Optional<Claim> load(UUID id) {
		return authorizations.find(id).map(ClaimFhir::claim);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Claim.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Claim.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = Claim.SP_USE) @Nullable TokenParam use,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("authorization_request r").readableBy(access.readableScope(), "r.patient_id").and("not r.voided");
		if (patient != null) search.and("r.patient_id = ?", FhirSearch.patient(patient));
		if (status != null) {
			String code = status.getValue() == null ? "" : status.getValue().toLowerCase(Locale.ROOT);
			switch (code) {
				case "draft" -> search.and("r.status = 'DRAFT'");
				case "cancelled" -> search.and("r.status = 'WITHDRAWN'");
				case "active" -> search.and("r.status not in ('DRAFT', 'WITHDRAWN')");
				case "entered-in-error" -> search.and("false");
				default -> throw new InvalidRequestException("status '" + status.getValue() + "' is not a Claim status.");
			}
		}
		if (use != null && !"preauthorization".equals(use.getValue())) search.and("false");
		search.within("r.updated_at", lastUpdated);
		return search.page(jdbc, "r.id", "r.created_at, r.id", offset, count, this::load);
	}

	@Create
	public MethodOutcome create(@ResourceParam Claim resource) {
		NewAuthorization request = ClaimFhir.fromFhir(resource);
		UUID id = authorizations.draft(request);
		if (resource.getStatus() == Claim.ClaimStatus.ACTIVE) authorizations.submit(id, java.time.Instant.now());
		MethodOutcome outcome = new MethodOutcome(new IdType("Claim", id.toString()), true);
		outcome.setResource(read(new IdType("Claim", id.toString())));
		return outcome;
	}
}
