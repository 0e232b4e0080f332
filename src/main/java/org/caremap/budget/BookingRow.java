package org.caremap.budget;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One booking behind a month: what it is, for whom ({@code patientName} only when the viewer may read the patient's
 * record, else null), its units, rate and amount in cents (null when no rate is known), and whether it still holds.
 */
public record BookingRow(UUID id, BookingSource source, BudgetLine line, Kind kind, LocalDate bookedOn, String description,
		@Nullable String payer, String code, BigDecimal units, @Nullable Long rateCents, @Nullable Long amountCents,
		boolean released, @Nullable String releasedReason, @Nullable UUID patient, @Nullable String patientName) {

	/** The units as minutes (staff time is booked in hours), rounded to the minute. */
	public long minutes() {
		return units.multiply(BigDecimal.valueOf(60)).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
	}

	/** Committed (arranged) or spent (delivered). */
	public enum Kind {
		COMMITMENT, SPEND
	}
}
