package org.caremap.outreach;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A registry rule as saved: every criterion left empty (null, an empty list, false) does not narrow the registry.
 * {@code conditionGroups} are ICD-10-CM prefixes (I50, J44, E11); {@code instrumentKey} with {@code minScore}: the
 * patient's latest score on that instrument is at least that; {@code edMonths} with {@code edMin}: at least that many
 * ED visits in the last months; {@code noContactDays}: no contact logged in that many days.
 */
public record NewRule(String name, @Nullable String description, List<String> conditionGroups, @Nullable String instrumentKey,
		@Nullable BigDecimal minScore, @Nullable Integer edMonths, @Nullable Integer edMin, boolean noPcp,
		@Nullable Integer noContactDays, boolean notEnrolled) {

	/** An ICD-10-CM prefix: a letter and one or two more characters, possibly a dot and up to four. */
	public static final String PREFIX = "^[A-Z][0-9]{1,2}([0-9A-Z](\\.[0-9A-Z]{0,4})?)?$";

	public NewRule {
		conditionGroups = List.copyOf(conditionGroups);
	}
}
