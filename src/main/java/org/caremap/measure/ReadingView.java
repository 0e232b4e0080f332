package org.caremap.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A reading as kept: who entered it and whether it was outside a limit of one of the patient's programs. */
public record ReadingView(UUID id, PatientId patient, MeasureKind kind, @Nullable Integer systolic,
		@Nullable Integer diastolic, @Nullable BigDecimal value, String unit, Instant takenAt, MeasureSource source,
		String enteredBy, String enteredByName, @Nullable String note, boolean outOfRange, Instant createdAt) {

	/** The reading in plain figures: {@code 142/91}, {@code 81.5}, {@code 7400}. */
	public String figures() {
		if (kind == MeasureKind.BLOOD_PRESSURE) return systolic + "/" + diastolic;
		return value == null ? "" : value.stripTrailingZeros().toPlainString();
	}

	/** The main number charted (systolic for blood pressure). */
	public BigDecimal primary() {
		if (kind == MeasureKind.BLOOD_PRESSURE) return BigDecimal.valueOf(systolic == null ? 0 : systolic);
		return value == null ? BigDecimal.ZERO : value;
	}
}
