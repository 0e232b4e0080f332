package org.caremap.medication;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proportion of days covered, the Pharmacy Quality Alliance way (Medicare Part D adherence measures), for the fills of
 * one drug class in one measurement period:
 * <ul>
 * <li>only fills dispensed within the measurement period count; the period of the patient runs from the first of
 * them (the index date) to the end of the measurement period;</li>
 * <li>when fills of the same drug overlap (an early refill), the later fill starts the day after the earlier supply
 * ends; fills of different drugs of the class that overlap are counted once, not shifted;</li>
 * <li>days covered after the end of the period are not counted;</li>
 * <li>PDC = days covered / days in the patient's period; adherent at 80% or more.</li>
 * </ul>
 * Pure: no clock, no database.
 */
public final class Pdc {

	/** 80%: at or above, adherent. */
	public static final BigDecimal THRESHOLD = new BigDecimal("0.80");

	/** One fill: which drug (its code or name), when it was dispensed, for how many days. */
	public record Fill(String drug, LocalDate filledOn, int daysSupply) {

		public Fill {
			if (drug == null || drug.isBlank()) throw new IllegalArgumentException("a fill needs its drug");
			if (filledOn == null) throw new IllegalArgumentException("a fill needs its date");
			if (daysSupply < 1 || daysSupply > 365) throw new IllegalArgumentException("days supply out of range: " + daysSupply);
		}
	}

	/** A run of days, both ends included. */
	public record Span(LocalDate from, LocalDate to) {

		public long days() {
			return ChronoUnit.DAYS.between(from, to) + 1;
		}
	}

	/** The result for one class and period, with the covered runs and the gaps between index date and period end. */
	public record Result(LocalDate indexDate, LocalDate periodEnd, int daysInPeriod, int daysCovered, int fills,
			List<Span> covered, List<Span> gaps) {

		/** Days covered / days in period, to four decimals. */
		public BigDecimal ratio() {
			return BigDecimal.valueOf(daysCovered).divide(BigDecimal.valueOf(daysInPeriod), 4, RoundingMode.HALF_UP);
		}

		public boolean adherent() {
			return ratio().compareTo(THRESHOLD) >= 0;
		}

		/** Whole percent, e.g. 67. */
		public int percent() {
			return ratio().movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValue();
		}
	}

	private Pdc() {
	}

	/** Nothing when no fill falls in the period. */
	public static Optional<Result> of(Collection<Fill> fills, LocalDate periodStart, LocalDate periodEnd) {
		if (periodEnd.isBefore(periodStart)) throw new IllegalArgumentException("the period ends before it starts");
		List<Fill> inPeriod = fills.stream()
			.filter(f -> !f.filledOn().isBefore(periodStart) && !f.filledOn().isAfter(periodEnd))
			.sorted(Comparator.comparing(Fill::filledOn).thenComparing(Fill::drug))
			.toList();
		if (inPeriod.isEmpty()) return Optional.empty();
		LocalDate index = inPeriod.get(0).filledOn();
		int days = (int) ChronoUnit.DAYS.between(index, periodEnd) + 1;
		boolean[] covered = new boolean[days];
		Map<String, List<Fill>> byDrug = new LinkedHashMap<>();
		for (Fill f : inPeriod) byDrug.computeIfAbsent(f.drug(), d -> new ArrayList<>()).add(f);
		for (List<Fill> drugFills : byDrug.values()) {
			LocalDate nextFree = null;
			for (Fill f : drugFills) {
				LocalDate start = nextFree != null && nextFree.isAfter(f.filledOn()) ? nextFree : f.filledOn();
				LocalDate end = start.plusDays(f.daysSupply() - 1L);
				for (LocalDate d = start; !d.isAfter(end) && !d.isAfter(periodEnd); d = d.plusDays(1)) {
					covered[(int) ChronoUnit.DAYS.between(index, d)] = true;
				}
				nextFree = end.plusDays(1);
			}
		}
		int count = 0;
		List<Span> runs = new ArrayList<>();
		List<Span> gaps = new ArrayList<>();
		int i = 0;
		while (i < days) {
			int j = i;
			while (j + 1 < days && covered[j + 1] == covered[i]) j++;
			Span span = new Span(index.plusDays(i), index.plusDays(j));
			if (covered[i]) {
				runs.add(span);
				count += j - i + 1;
			}
			else {
				gaps.add(span);
			}
			i = j + 1;
		}
		return Optional.of(new Result(index, periodEnd, days, count, inPeriod.size(), List.copyOf(runs), List.copyOf(gaps)));
	}
}
