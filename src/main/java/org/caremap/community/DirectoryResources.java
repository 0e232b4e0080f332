package org.caremap.community;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.jspecify.annotations.Nullable;

/**
 * The directory as FHIR R4 resources: services as {@code HealthcareService} (the needs they meet as
 * {@code category}, taxonomy terms as {@code type}), their places as {@code Location}, organisations as
 * {@code Organization}.
 */
public interface DirectoryResources {

	/** A search's filters; every one optional. */
	record Filter(@Nullable String name, @Nullable String category, @Nullable String type, @Nullable UUID organization,
			@Nullable UUID location, @Nullable Boolean active, @Nullable Instant updatedFrom, @Nullable Instant updatedTo,
			@Nullable Origin near, @Nullable Double nearKilometres) {
	}

	record Page<T>(List<T> resources, long total) {
	}

	Optional<HealthcareService> service(UUID id);

	Page<HealthcareService> services(Filter filter, int from, int size);

	Optional<Location> location(UUID id);

	Page<Location> locations(Filter filter, int from, int size);

	Optional<Organization> organization(UUID id);

	List<Organization> organizations(@Nullable String name, int limit);
}
