package org.caremap.outreach;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A saved rule with its size as of its latest evaluation and the sizes of the days before (oldest first). */
public record RuleView(UUID id, String name, @Nullable String description, List<String> conditionGroups,
		@Nullable String instrumentKey, @Nullable BigDecimal minScore, @Nullable Integer edMonths, @Nullable Integer edMin,
		boolean noPcp, @Nullable Integer noContactDays, boolean notEnrolled, @Nullable LocalDate evaluatedOn,
		@Nullable Integer size, List<Size> trend) {

	public RuleView {
		conditionGroups = List.copyOf(conditionGroups);
		trend = List.copyOf(trend);
	}

	/** The size of the registry on a day. */
	public record Size(LocalDate day, int members) {
	}
}
