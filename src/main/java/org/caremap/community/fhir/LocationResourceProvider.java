package org.caremap.community.fhir;

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
import ca.uhn.fhir.rest.param.SpecialParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.caremap.community.DirectoryResources;
import org.caremap.community.Origin;
import org.caremap.fhir.FhirPage;
import org.caremap.fhir.FhirSearch;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The places of the community resource directory as {@code Location}: read; search by name, organisation, status,
 * {@code _lastUpdated}, and {@code near} ({@code latitude|longitude|distance|units}, units km or mi, 50 km when no
 * distance is given), nearest first.
 */
@Component
class LocationResourceProvider implements IResourceProvider {

	static final double MAX_KM = 500;
	private final DirectoryResources resources;

	LocationResourceProvider(DirectoryResources resources) {
		this.resources = resources;
	}

	@Override
	public Class<Location> getResourceType() {
		return Location.class;
	}

	@Read
	public Location read(@IdParam IdType id) {
		UUID uuid = FhirSearch.id(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		return resources.location(uuid).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = Location.SP_NAME) @Nullable StringParam name,
			@OptionalParam(name = Location.SP_ORGANIZATION) @Nullable ReferenceParam organization,
			@OptionalParam(name = Location.SP_STATUS) @Nullable TokenParam status,
			@Description(shortDefinition = "latitude|longitude|distance|units (km or mi): places within the distance, nearest first")
			@OptionalParam(name = Location.SP_NEAR) @Nullable SpecialParam near,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirPage page = FhirPage.of(offset, count);
		Origin origin = null;
		Double km = null;
		if (near != null && near.getValue() != null && !near.getValue().isBlank()) {
			String[] parts = near.getValue().split("\\|");
			try {
				origin = new Origin(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), null, "near");
				if (parts.length > 2 && !parts[2].isBlank()) {
					double d = Double.parseDouble(parts[2]);
					String units = parts.length > 3 ? parts[3].strip() : "km";
					km = units.equals("mi") || units.equals("[mi_i]") ? d * 1.609344 : units.equals("m") ? d / 1000 : d;
				}
			}
			catch (RuntimeException ex) {
				throw new InvalidRequestException("near is latitude|longitude|distance|units, e.g. 39.96|-83.0|10|km");
			}
			if (!Double.isFinite(origin.latitude()) || !Double.isFinite(origin.longitude()) || (km != null && !Double.isFinite(km))) {
				throw new InvalidRequestException("near is latitude|longitude|distance|units, e.g. 39.96|-83.0|10|km");
			}
			if (km != null && (km <= 0 || km > MAX_KM)) throw new InvalidRequestException("near's distance is more than 0 and at most " + MAX_KM + " km");
		}
		Boolean active = status == null || status.getValue() == null ? null : Boolean.valueOf("active".equalsIgnoreCase(status.getValue()));
		DirectoryResources.Filter filter = new DirectoryResources.Filter(HealthcareServiceResourceProvider.text(name), null, null,
				organization == null ? null : FhirSearch.uuid(organization.getIdPart(), Location.SP_ORGANIZATION), null, active,
				HealthcareServiceResourceProvider.lower(lastUpdated), HealthcareServiceResourceProvider.upper(lastUpdated), origin, km);
		DirectoryResources.Page<Location> found = resources.locations(filter, page.from(), page.size());
		return page.bundle(found.resources(), found.total());
	}
}
