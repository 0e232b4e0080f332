package org.caremap.measure;

import java.math.BigDecimal;
import java.time.Instant;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A reading as entered: blood pressure by systolic and diastolic, every other kind by value; weight may come in
 * pounds ({@code lb}) and glucose in mmol/L ({@code mmol/L}), converted to the kept unit. Checked by
 * {@link Measures#record}, which answers a {@link org.caremap.shared.DomainException} naming the field at fault.
 */
public record NewReading(PatientId patient, MeasureKind kind, @Nullable Integer systolic, @Nullable Integer diastolic,
		@Nullable BigDecimal value, @Nullable String unit, Instant takenAt, @Nullable String note) {
}
