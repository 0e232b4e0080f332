package org.caremap.utilization.fhir;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
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
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payer's answers to prior authorization requests as FHIR {@code ClaimResponse} (see {@link ClaimFhir}): one per
 * request the payer answered or pended, with the request's id. Read; search by {@code patient}, {@code status}
 * (active, cancelled), {@code outcome} (queued = pended, complete = decided), {@code request} and
 * {@code _lastUpdated}, paged. The decisions are recorded on the pages (or arrive as a payer's answer there).
 */
@Component
class ClaimResponseResourceProvider implements IResourceProvider {

	private static final String ANSWERED = "r.status in ('PENDED', 'APPROVED', 'PARTIALLY_APPROVED', 'DENIED', 'EXPIRED') or (r.status = 'WITHDRAWN' and r.decided_at is not null)";

	private final Authorizations authorizations;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	ClaimResponseResourceProvider(Authorizations authorizations, JdbcClient jdbc, PatientAccess access) {
		this.authorizations = authorizations;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<ClaimResponse> getResourceType() {
		return ClaimResponse.class;
	}

	@Read
	public ClaimResponse read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	private Optional<ClaimResponse> load(UUID id) {
		return authorizations.find(id).filter(ClaimFhir::answered).map(ClaimFhir::response);
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = ClaimResponse.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = ClaimResponse.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = ClaimResponse.SP_OUTCOME) @Nullable TokenParam outcome,
			@OptionalParam(name = ClaimResponse.SP_REQUEST) @Nullable ReferenceParam request,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("authorization_request r").readableBy(access.readableScope(), "r.patient_id")
			.and("not r.voided").and(ANSWERED);
		if (patient != null) search.and("r.patient_id = ?", FhirSearch.patient(patient));
		if (request != null) search.and("r.id = ?", FhirSearch.uuid(request.getIdPart(), "request"));
		if (status != null) {
			String code = status.getValue() == null ? "" : status.getValue().toLowerCase(Locale.ROOT);
			switch (code) {
				case "active" -> search.and("r.status <> 'WITHDRAWN'");
				case "cancelled" -> search.and("r.status = 'WITHDRAWN'");
				case "draft", "entered-in-error" -> search.and("false");
				default -> throw new InvalidRequestException("status '" + status.getValue() + "' is not a ClaimResponse status.");
			}
		}
		if (outcome != null) {
			String code = outcome.getValue() == null ? "" : outcome.getValue().toLowerCase(Locale.ROOT);
			switch (code) {
				case "queued" -> search.and("r.status = 'PENDED'");
				case "complete" -> search.and("r.status <> 'PENDED'");
				case "error", "partial" -> search.and("false");
				default -> throw new InvalidRequestException("outcome '" + outcome.getValue() + "' is not a remittance outcome.");
			}
		}
		search.within("r.updated_at", lastUpdated);
		return search.page(jdbc, "r.id", "r.created_at, r.id", offset, count, this::load);
	}
}
