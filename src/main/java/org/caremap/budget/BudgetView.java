package org.caremap.budget;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/** A program's budget for a year as kept: each line's amount in cents, the note, who changed it last and when. */
public record BudgetView(UUID id, ProgramId program, int year, Map<BudgetLine, Long> cents, @Nullable String note,
		int version, String updatedBy, Instant updatedAt) {

	public BudgetView {
		cents = Map.copyOf(cents);
	}

	public long total() {
		return cents.values().stream().mapToLong(Long::longValue).sum();
	}

	public long of(BudgetLine line) {
		return cents.getOrDefault(line, 0L);
	}
}
