package org.caremap.community;

import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A directory entry as staff add or correct it: the organisation, the service, its main location and its weekly
 * hours. Coordinates are taken from the ZIP code's centre when none are given.
 */
public record ServiceEntry(String organizationName, @Nullable String organizationPhone, @Nullable String website,
		@Nullable String referralEmail, String name, @Nullable String description, @Nullable String phone,
		@Nullable String email, @Nullable String applicationProcess, @Nullable String fees, boolean free,
		@Nullable String eligibilityText, @Nullable Integer minimumAge, @Nullable Integer maximumAge,
		@Nullable Integer incomeLimitFplPercent, Set<Eligibility> groups, Set<Need> needs, List<String> languages,
		@Nullable String address, @Nullable String city, @Nullable String state, @Nullable String postalCode,
		@Nullable Double latitude, @Nullable Double longitude, @Nullable String transportation, List<Opening> hours) {

	/** Open on a weekday (ISO: 1 Monday .. 7 Sunday) from a time to a later time. */
	public record Opening(int weekday, LocalTime opens, LocalTime closes) {
		public Opening {
			if (weekday < 1 || weekday > 7) throw new IllegalArgumentException("weekday out of range: " + weekday);
			if (!closes.isAfter(opens)) throw new IllegalArgumentException("closes before it opens");
		}
	}

	public ServiceEntry {
		if (organizationName == null || organizationName.isBlank()) throw new IllegalArgumentException("organisation name is required");
		if (name == null || name.isBlank()) throw new IllegalArgumentException("service name is required");
		groups = Set.copyOf(groups);
		needs = Set.copyOf(needs);
		languages = List.copyOf(languages);
		hours = List.copyOf(hours);
		if (minimumAge != null && maximumAge != null && maximumAge < minimumAge) {
			throw new IllegalArgumentException("the highest age is below the lowest");
		}
	}
}
