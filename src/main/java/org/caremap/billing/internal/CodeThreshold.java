package org.caremap.billing.internal;

import org.caremap.billing.DecisionMaking;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One billing code's rule as the {@code billing_code} table keeps it: for a minute-based code, the first unit at
 * {@code firstUnitMinutes} of one kind of staff time and an add-on unit per further full {@code addOnStep} minutes up
 * to {@code addOnCap}; for a TCM code, the face-to-face deadline and the least decision-making complexity.
 */
public record CodeThreshold(String code, int effectiveYear, Service service, @Nullable StaffTime staff,
		@Nullable Integer firstUnitMinutes, @Nullable String addOnCode, @Nullable Integer addOnStep,
		@Nullable Integer addOnCap, @Nullable Integer visitWithinDays, @Nullable DecisionMaking leastMdm, String source) {

	public CodeThreshold {
		if (service == Service.TCM) {
			if (visitWithinDays == null || leastMdm == null) throw new IllegalArgumentException("a TCM code needs a visit deadline and MDM");
		}
		else if (staff == null || firstUnitMinutes == null || firstUnitMinutes < 1) {
			throw new IllegalArgumentException("a timed code needs whose time and a first-unit threshold: " + code);
		}
		if ((addOnCode == null) != (addOnStep == null)) throw new IllegalArgumentException("add-on code and step go together: " + code);
	}

	/** The units this many minutes earn: nothing under the threshold, else the code and its add-ons (capped). */
	public List<Line> units(int minutes) {
		if (firstUnitMinutes == null || minutes < firstUnitMinutes) return List.of();
		if (addOnCode == null || addOnStep == null) return List.of(new Line(service, code, 1));
		int addOns = (minutes - firstUnitMinutes) / addOnStep;
		if (addOnCap != null) addOns = Math.min(addOns, addOnCap);
		return addOns == 0 ? List.of(new Line(service, code, 1))
				: List.of(new Line(service, code, 1), new Line(service, addOnCode, addOns));
	}

	/** The newest rule of a code in effect in a year, from a list holding every year's rows. */
	public static Optional<CodeThreshold> inEffect(List<CodeThreshold> all, String code, int year) {
		return all.stream().filter(t -> t.code.equals(code) && t.effectiveYear <= year)
			.max(java.util.Comparator.comparingInt(CodeThreshold::effectiveYear));
	}

	/** A code billed with its units. */
	public record Line(Service service, String code, int units) {
		public Line {
			if (units < 1) throw new IllegalArgumentException("units must be positive");
		}
	}
}
