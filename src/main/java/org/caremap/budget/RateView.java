package org.caremap.budget;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A rate: what one unit of a code costs, from a payer ({@code payer}) or under the contract (null: any payer without a
 * rate of its own), from a day and (if it ends) to a day, in cents. For community services the code is the directory
 * service's id, for transport {@code TRIP}, for staff time the kind of staff (per hour).
 */
public record RateView(UUID id, BookingSource source, @Nullable String payer, String code, @Nullable String label,
		LocalDate effectiveFrom, @Nullable LocalDate effectiveTo, long centsPerUnit) {
}
