package org.caremap.patient;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Insurance coverage: payer, plan, member id, group, dates, and order (1 = primary). */
public record Coverage(@Nullable UUID id, String payer, @Nullable String plan, String memberId,
		@Nullable String groupNumber, LocalDate effectiveFrom, @Nullable LocalDate effectiveTo, int priority) {

	public Coverage {
		if (payer == null || payer.isBlank()) throw new IllegalArgumentException("payer is required");
		if (memberId == null || memberId.isBlank()) throw new IllegalArgumentException("member id is required");
		if (effectiveFrom == null) throw new IllegalArgumentException("effective date is required");
		if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
			throw new IllegalArgumentException("coverage ends before it starts");
		}
		if (priority < 1 || priority > 9) throw new IllegalArgumentException("priority must be 1 to 9");
	}

	public boolean activeOn(LocalDate day) {
		return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
	}
}
