package org.caremap.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One directory service as a case manager, a referral or a patient's handout needs it: the service, its organisation,
 * where it is given (first active location), how to reach and apply, hours in words, and when it was last verified.
 */
public record ServiceCard(UUID id, UUID organizationId, String name, String organizationName,
		@Nullable String description, @Nullable String phone, @Nullable String email, @Nullable String url,
		@Nullable String address, @Nullable String city, @Nullable String state, @Nullable String postalCode,
		@Nullable Double latitude, @Nullable Double longitude, @Nullable String transportation,
		@Nullable String applicationProcess, @Nullable String fees, boolean free, @Nullable String eligibility,
		List<String> needs, List<String> languages, List<String> hours, @Nullable String referralEmail,
		boolean active, @Nullable Instant verifiedAt) {
}
