package org.caremap.quality.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One measure's result: numerator, denominator (null for plain counts), the value shown (a count, a percentage,
 * median days or a rate per 1,000 patient-months) and the rows behind it (one per case, stay or referral counted in
 * the denominator, or in the count), each saying whether it is in the numerator.
 */
public record Figure(Measure measure, long numerator, @Nullable Long denominator, @Nullable BigDecimal value, List<Row> rows) {

	public Figure {
		rows = List.copyOf(rows);
	}

	/** A patient behind the figure: the day that counted, whether in the numerator, and days where the measure has them. */
	public record Row(PatientId patient, LocalDate on, boolean numerator, @Nullable Long days) {
	}
}
