package org.caremap.community.fhir;

import java.time.Instant;
import java.util.UUID;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.community.DirectoryResources;
import org.caremap.fhir.FhirPage;
import org.caremap.fhir.FhirSearch;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The community resource directory's services as {@code HealthcareService}: read; search by name, by the need met
 * ({@code service-category}, a need code such as {@code food-insecurity} or the HL7 SDOH category code), by taxonomy
 * code ({@code service-type}), organisation, location, active and {@code _lastUpdated}.
 */
@Component
class HealthcareServiceResourceProvider implements IResourceProvider {

	private final DirectoryResources resources;

	HealthcareServiceResourceProvider(DirectoryResources resources) {
		this.resources = resources;
	}

	@Override
	public Class<HealthcareService> getResourceType() {
		return HealthcareService.class;
	}

	@Read
	public HealthcareService read(@IdParam IdType id) {
		UUID uuid = FhirSearch.id(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		return resources.service(uuid).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(
			@Description(shortDefinition = "Part of the service's name")
			@OptionalParam(name = HealthcareService.SP_NAME) @Nullable StringParam name,
			@Description(shortDefinition = "The social need the service meets (e.g. food-insecurity)")
			@OptionalParam(name = HealthcareService.SP_SERVICE_CATEGORY) @Nullable TokenParam category,
			@Description(shortDefinition = "A taxonomy code of the service (e.g. an AIRS/211 code)")
			@OptionalParam(name = HealthcareService.SP_SERVICE_TYPE) @Nullable TokenParam type,
			@OptionalParam(name = HealthcareService.SP_ORGANIZATION) @Nullable ReferenceParam organization,
			@OptionalParam(name = HealthcareService.SP_LOCATION) @Nullable ReferenceParam location,
			@OptionalParam(name = HealthcareService.SP_ACTIVE) @Nullable TokenParam active,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirPage page = FhirPage.of(offset, count);
		DirectoryResources.Filter filter = new DirectoryResources.Filter(text(name), token(category), token(type),
				organization == null ? null : FhirSearch.uuid(organization.getIdPart(), HealthcareService.SP_ORGANIZATION),
				location == null ? null : FhirSearch.uuid(location.getIdPart(), HealthcareService.SP_LOCATION),
				active == null ? null : Boolean.valueOf("true".equalsIgnoreCase(active.getValue())), lower(lastUpdated),
				upper(lastUpdated), null, null);
		DirectoryResources.Page<HealthcareService> found = resources.services(filter, page.from(), page.size());
		return page.bundle(found.resources(), found.total());
	}

	static @Nullable String text(@Nullable StringParam p) {
		if (p == null || p.getValue() == null || p.getValue().isBlank()) return null;
		String v = p.getValue().strip();
		return v.length() > 200 ? v.substring(0, 200) : v;
	}

	static @Nullable String token(@Nullable TokenParam p) {
		if (p == null || p.getValue() == null || p.getValue().isBlank()) return null;
		String v = p.getValue().strip();
		return v.length() > 100 ? v.substring(0, 100) : v;
	}

	static @Nullable Instant lower(@Nullable DateRangeParam p) {
		return p == null || p.getLowerBoundAsInstant() == null ? null : p.getLowerBoundAsInstant().toInstant();
	}

	static @Nullable Instant upper(@Nullable DateRangeParam p) {
		return p == null || p.getUpperBoundAsInstant() == null ? null : p.getUpperBoundAsInstant().toInstant();
	}
}
