package org.caremap.measure;

import java.math.BigDecimal;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * The limits a program sets for one kind of measure: a reading below {@code low} or above {@code high} is out of
 * range; for blood pressure those bound the systolic, and {@code diastolicLow}/{@code diastolicHigh} the diastolic.
 */
public record MeasureLimit(ProgramId program, MeasureKind kind, @Nullable BigDecimal low, @Nullable BigDecimal high,
		@Nullable BigDecimal diastolicLow, @Nullable BigDecimal diastolicHigh) {

	/** Whether the reading falls outside these limits. */
	public boolean breachedBy(ReadingView reading) {
		if (reading.kind() != kind) return false;
		if (kind == MeasureKind.BLOOD_PRESSURE) {
			return outside(reading.systolic() == null ? null : BigDecimal.valueOf(reading.systolic()), low, high)
					|| outside(reading.diastolic() == null ? null : BigDecimal.valueOf(reading.diastolic()), diastolicLow,
							diastolicHigh);
		}
		return outside(reading.value(), low, high);
	}

	private static boolean outside(@Nullable BigDecimal v, @Nullable BigDecimal lo, @Nullable BigDecimal hi) {
		if (v == null) return false;
		return (lo != null && v.compareTo(lo) < 0) || (hi != null && v.compareTo(hi) > 0);
	}

	/** The limits in plain figures ({@code 90-140 / 60-90}), for a task's description. */
	public String describe() {
		String main = range(low, high);
		return kind == MeasureKind.BLOOD_PRESSURE ? main + " / " + range(diastolicLow, diastolicHigh) : main;
	}

	private static String range(@Nullable BigDecimal lo, @Nullable BigDecimal hi) {
		return (lo == null ? "" : lo.stripTrailingZeros().toPlainString()) + "-"
				+ (hi == null ? "" : hi.stripTrailingZeros().toPlainString());
	}
}
