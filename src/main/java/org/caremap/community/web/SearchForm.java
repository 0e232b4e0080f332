package org.caremap.community.web;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.caremap.community.Eligibility;
import org.caremap.community.Need;
import org.caremap.community.Origin;
import org.caremap.community.SearchQuery;
import org.jspecify.annotations.Nullable;

/**
 * The search form as it is sent (a GET, so a search is a link a case manager can keep). {@code socialNeed} and
 * {@code intervention} are carried to the Refer links when the search was started from a patient's social need or a
 * care-plan intervention.
 */
record SearchForm(@Size(max = 40) @Nullable String need, @Pattern(regexp = "^$|^[a-z]{2,3}$") @Nullable String lang,
		@Nullable Boolean languageOnly, @Size(max = 300) @Nullable String place,
		@Min(1) @Max(SearchQuery.MAX_RADIUS_MILES) @Nullable Integer radius, @Nullable Boolean openNow,
		@Nullable DayOfWeek day, @Nullable LocalTime at, @Min(0) @Max(130) @Nullable Integer age,
		@Min(0) @Max(1000) @Nullable Integer fpl, @Size(max = 20) @Nullable List<Eligibility> groups,
		@Size(max = 200) @Nullable String q, @Nullable Boolean free, @Nullable UUID socialNeed,
		@Nullable UUID intervention) {

	static SearchForm empty() {
		return new SearchForm(null, null, false, null, SearchQuery.DEFAULT_RADIUS_MILES, false, null, null, null, null,
				List.of(), null, false, null, null);
	}

	boolean asked() {
		return (need != null && !need.isBlank()) || (q != null && !q.isBlank()) || (place != null && !place.isBlank())
				|| (lang != null && !lang.isBlank()) || Boolean.TRUE.equals(openNow) || day != null || age != null
				|| fpl != null || (groups != null && !groups.isEmpty()) || Boolean.TRUE.equals(free);
	}

	/**
	 * The patient's home, language and age filled in when the page is first opened (the form always sends the place,
	 * if only empty, so a case manager who clears a default keeps it cleared).
	 */
	SearchForm withDefaults(@Nullable String place, @Nullable String lang, @Nullable Integer age) {
		if (this.place != null) return this;
		return new SearchForm(need, this.lang == null ? lang : this.lang, languageOnly, place == null ? "" : place,
				radius == null ? SearchQuery.DEFAULT_RADIUS_MILES : radius, openNow, day, at, this.age == null ? age : this.age, fpl, groups, q, free, socialNeed, intervention);
	}

	@Nullable
	Need needCode() {
		return need == null ? null : Need.of(need).orElse(null);
	}

	SearchQuery query(@Nullable Origin origin) {
		Set<Eligibility> g = groups == null || groups.isEmpty() ? Set.of() : EnumSet.copyOf(groups);
		return new SearchQuery(needCode(), lang == null || lang.isBlank() ? null : lang, Boolean.TRUE.equals(languageOnly),
				origin, origin == null ? null : radius == null ? SearchQuery.DEFAULT_RADIUS_MILES : radius,
				Boolean.TRUE.equals(openNow), day, at, age, fpl, g, q == null || q.isBlank() ? null : q.strip(),
				Boolean.TRUE.equals(free), 50);
	}
}
