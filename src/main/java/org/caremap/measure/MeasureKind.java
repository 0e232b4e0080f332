package org.caremap.measure;

import java.math.BigDecimal;

/**
 * What a reading measures, with the unit it is kept in, its LOINC code and the plausible range the database also
 * enforces (blood pressure: systolic range here, diastolic in {@link #DIASTOLIC_MIN}..{@link #DIASTOLIC_MAX}).
 */
public enum MeasureKind {
	BLOOD_PRESSURE("mm[Hg]", "85354-9", "Blood pressure panel with all children optional", 50, 300, false),
	WEIGHT("kg", "29463-7", "Body weight", 1, 500, false),
	GLUCOSE("mg/dL", "2339-0", "Glucose [Mass/volume] in Blood", 10, 1000, false),
	MOOD("{score}", "", "Mood (self-reported, 1 very low to 5 very good)", 1, 5, true),
	STEPS("/d", "41950-7", "Number of steps in 24 hour Measured", 0, 100000, true);

	public static final int DIASTOLIC_MIN = 30;
	public static final int DIASTOLIC_MAX = 200;

	private final String unit;
	private final String loinc;
	private final String display;
	private final BigDecimal min;
	private final BigDecimal max;
	private final boolean whole;

	MeasureKind(String unit, String loinc, String display, int min, int max, boolean whole) {
		this.unit = unit;
		this.loinc = loinc;
		this.display = display;
		this.min = BigDecimal.valueOf(min);
		this.max = BigDecimal.valueOf(max);
		this.whole = whole;
	}

	/** The UCUM unit the value is kept in. */
	public String unit() {
		return unit;
	}

	/** The LOINC code of the observation; empty for mood, which has none (the FHIR provider codes it locally). */
	public String loinc() {
		return loinc;
	}

	public String display() {
		return display;
	}

	public BigDecimal min() {
		return min;
	}

	public BigDecimal max() {
		return max;
	}

	/** Whether only whole numbers make sense (mood, steps). */
	public boolean whole() {
		return whole;
	}

	/** The path segment used on pages ({@code blood-pressure}). */
	public String slug() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}
}
