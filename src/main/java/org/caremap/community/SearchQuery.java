package org.caremap.community;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a case manager looks for. Every part is optional. A need, a radius from an origin, an hour, an age, an income,
 * eligibility groups and free text filter; the language, the distance, the text, a free service, a recent
 * verification and referrals delivered before rank.
 *
 * @param need the social need the service must meet
 * @param language ISO 639-1 code of the patient's language (ranks up; with {@code languageOnly}, filters)
 * @param origin where distance is measured from; with {@code radiusMiles}, services farther away are left out
 *        (unless their service area lists the origin's ZIP code)
 * @param openNow open at this moment in the organisation's time zone
 * @param day open on this day (at {@code at} if given)
 * @param age the patient's age: services whose age range excludes it are left out
 * @param incomeFplPercent the household's income as a percent of the federal poverty guideline
 * @param groups eligibility groups the patient belongs to ({@link Eligibility} codes): services restricted to other
 *        groups are left out
 * @param text free text, matched against names (typo-tolerant) and descriptions
 */
public record SearchQuery(@Nullable Need need, @Nullable String language, boolean languageOnly, @Nullable Origin origin,
		@Nullable Integer radiusMiles, boolean openNow, @Nullable DayOfWeek day, @Nullable LocalTime at,
		@Nullable Integer age, @Nullable Integer incomeFplPercent, Set<Eligibility> groups, @Nullable String text,
		boolean freeOnly, int limit) {

	public static final int MAX_RADIUS_MILES = 250;
	public static final int DEFAULT_RADIUS_MILES = 25;

	public SearchQuery {
		groups = groups == null ? Set.of() : Set.copyOf(groups);
		if (radiusMiles != null && (radiusMiles < 1 || radiusMiles > MAX_RADIUS_MILES)) {
			throw new IllegalArgumentException("radius out of range: " + radiusMiles);
		}
		if (text != null && (text.isBlank() || text.length() > 200)) text = text.isBlank() ? null : text.substring(0, 200);
		if (language != null && !language.matches("^[a-z]{2,3}$")) language = null;
		if (limit < 1 || limit > 200) limit = 50;
	}

	/** Only a need, for the simplest searches (tests, the referral side). */
	public static SearchQuery forNeed(Need need) {
		return new SearchQuery(need, null, false, null, null, false, null, null, null, null, Set.of(), null, false, 50);
	}
}
