package org.caremap.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One service a search found, with what it needs to show why it matched: the needs and languages it shares with the
 * query, its distance, whether it is open now and its hours today, what it costs, how recently it was verified, and
 * the referrals to it closed as delivered (the searcher's own and everyone's). {@code groups}: the eligibility groups
 * the service is restricted to (empty: anyone); {@code groupsMatched}: those of the query among them.
 */
public record SearchHit(UUID id, String name, UUID organizationId, String organizationName, @Nullable String description,
		List<String> needs, List<String> languages, boolean free, @Nullable String fees, @Nullable String phone,
		@Nullable String address, @Nullable String city, @Nullable String state, @Nullable String postalCode,
		@Nullable Double distanceMiles, boolean openNow, List<String> hoursToday, @Nullable Instant verifiedAt,
		boolean stale, int deliveredByMe, int deliveredByAll, boolean needMatched, boolean languageMatched,
		boolean textMatched, boolean inServiceArea, List<String> groups, List<String> groupsMatched, @Nullable Integer minimumAge,
		@Nullable Integer maximumAge, @Nullable Integer incomeLimitFplPercent, double score) {

	public SearchHit {
		needs = List.copyOf(needs);
		languages = List.copyOf(languages);
		hoursToday = List.copyOf(hoursToday);
		groups = List.copyOf(groups);
		groupsMatched = List.copyOf(groupsMatched);
	}
}
