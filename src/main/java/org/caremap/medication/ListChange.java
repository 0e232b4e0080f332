package org.caremap.medication;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One change of the medication list, as kept for ever: what the entry became, why, by whom and when. */
public record ListChange(UUID item, int version, String action, MedicationEntry entry, boolean active,
		@Nullable String reason, @Nullable UUID reconciliation, Instant at, String by) {
}
