package org.caremap.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The proportion of days covered, against cases worked by hand (days counted in the comments). */
class PdcTest {

	static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
	static final LocalDate MAR_31 = LocalDate.of(2026, 3, 31);

	static Pdc.Fill fill(String drug, int month, int day, int days) {
		return new Pdc.Fill(drug, LocalDate.of(2026, month, day), days);
	}

	@Test
	void fillsBackToBackCoverEveryDay() {
		// period Jan 1 - Mar 31 = 31 + 28 + 31 = 90 days, index Jan 1
		// Jan 1 + 30 days -> Jan 1..Jan 30; Jan 31 + 30 -> Jan 31..Mar 1; Mar 2 + 30 -> Mar 2..Mar 31 (capped)
		// 30 + 30 + 30 = 90 of 90 = 100%
		Pdc.Result r = Pdc.of(List.of(fill("atorvastatin", 1, 1, 30), fill("atorvastatin", 1, 31, 30),
				fill("atorvastatin", 3, 2, 30)), JAN_1, MAR_31).orElseThrow();
		assertThat(r.daysInPeriod()).isEqualTo(90);
		assertThat(r.daysCovered()).isEqualTo(90);
		assertThat(r.ratio()).isEqualByComparingTo("1.0000");
		assertThat(r.gaps()).isEmpty();
		assertThat(r.adherent()).isTrue();
	}

	@Test
	void anEarlyRefillOfTheSameDrugIsShiftedToTheDayAfterTheSupplyEnds() {
		// Jan 1 + 30 -> Jan 1..Jan 30. Refilled early on Jan 20 for 30 days: shifted to start Jan 31 -> Jan 31..Mar 1
		// (30 days). Covered 60 of 90 -> 0.6667; not shifted it would have been Jan 1..Feb 18 = 49 days.
		// The gap is Mar 2..Mar 31 = 30 days.
		Pdc.Result r = Pdc.of(List.of(fill("lisinopril", 1, 1, 30), fill("lisinopril", 1, 20, 30)), JAN_1, MAR_31)
			.orElseThrow();
		assertThat(r.daysCovered()).isEqualTo(60);
		assertThat(r.ratio()).isEqualByComparingTo("0.6667");
		assertThat(r.percent()).isEqualTo(67);
		assertThat(r.gaps()).containsExactly(new Pdc.Span(LocalDate.of(2026, 3, 2), MAR_31));
		assertThat(r.adherent()).isFalse();
	}

	@Test
	void gapsBetweenFillsAreNotCovered() {
		// Jan 1 + 30 -> Jan 1..Jan 30 (30); next fill Mar 1 + 30 -> Mar 1..Mar 30 (30).
		// Gaps: Jan 31..Feb 28 (29 days) and Mar 31 (1 day). 60 / 90 = 0.6667
		Pdc.Result r = Pdc.of(List.of(fill("metformin", 1, 1, 30), fill("metformin", 3, 1, 30)), JAN_1, MAR_31).orElseThrow();
		assertThat(r.daysCovered()).isEqualTo(60);
		assertThat(r.gaps()).containsExactly(new Pdc.Span(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28)),
				new Pdc.Span(MAR_31, MAR_31));
		assertThat(r.gaps().get(0).days()).isEqualTo(29);
		assertThat(r.covered()).hasSize(2);
	}

	@Test
	void thePeriodRunsFromTheFirstFillAndSupplyPastTheEndIsNotCounted() {
		// Measurement period Jan 1..Jan 31. A fill of Dec 20 (before the period) does not count, so the index date
		// is the first fill inside it, Jan 10: the patient's period is Jan 10..Jan 31 = 22 days.
		// Jan 10 + 30 -> Jan 10..Feb 8, capped at Jan 31: 22 days. The early refill of Jan 25 is shifted to Feb 9,
		// wholly after the end: adds nothing. 22 / 22 = 100%.
		LocalDate end = LocalDate.of(2026, 1, 31);
		Pdc.Result r = Pdc.of(List.of(new Pdc.Fill("rosuvastatin", LocalDate.of(2025, 12, 20), 30),
				fill("rosuvastatin", 1, 10, 30), fill("rosuvastatin", 1, 25, 30)), JAN_1, end).orElseThrow();
		assertThat(r.indexDate()).isEqualTo(LocalDate.of(2026, 1, 10));
		assertThat(r.daysInPeriod()).isEqualTo(22);
		assertThat(r.daysCovered()).isEqualTo(22);
		assertThat(r.fills()).isEqualTo(2);
		assertThat(r.ratio()).isEqualByComparingTo(BigDecimal.ONE);
	}

	@Test
	void differentDrugsOfOneClassOverlappingAreCountedOnceNotShifted() {
		// atorvastatin Jan 1 + 30 -> Jan 1..Jan 30; simvastatin Jan 15 + 30 -> Jan 15..Feb 13 (another drug: no shift)
		// union Jan 1..Feb 13 = 31 + 13 = 44 days of 90 -> 0.4889 (shifted it would have been 60)
		Pdc.Result r = Pdc.of(List.of(fill("atorvastatin", 1, 1, 30), fill("simvastatin", 1, 15, 30)), JAN_1, MAR_31)
			.orElseThrow();
		assertThat(r.daysCovered()).isEqualTo(44);
		assertThat(r.ratio()).isEqualByComparingTo("0.4889");
	}

	@Test
	void aLateStartShortensThePeriodNotTheCoverage() {
		// first fill Feb 1: the period is Feb 1..Mar 31 = 28 + 31 = 59 days.
		// Feb 1 + 30 -> Feb 1..Mar 2 (30); Mar 3 + 30 -> Mar 3..Apr 1, capped at Mar 31 (29). 59 / 59 = 100%.
		Pdc.Result r = Pdc.of(List.of(fill("losartan", 2, 1, 30), fill("losartan", 3, 3, 30)), JAN_1, MAR_31).orElseThrow();
		assertThat(r.daysInPeriod()).isEqualTo(59);
		assertThat(r.daysCovered()).isEqualTo(59);
	}

	@Test
	void justBelowEightyPercentIsNotAdherent() {
		// period Jan 1..Jan 10 (10 days) with 8 days -> 0.80 adherent; Jan 1..Mar 31 with 71 days -> 0.7889 not.
		// Jan 1 + 8 -> Jan 1..Jan 8 (8 of 10)
		assertThat(Pdc.of(List.of(fill("apixaban", 1, 1, 8)), JAN_1, LocalDate.of(2026, 1, 10)).orElseThrow().adherent())
			.isTrue();
		// Jan 1 + 71 -> Jan 1..Mar 12 (31 + 28 + 12 = 71 of 90)
		Pdc.Result r = Pdc.of(List.of(fill("apixaban", 1, 1, 71)), JAN_1, MAR_31).orElseThrow();
		assertThat(r.daysCovered()).isEqualTo(71);
		assertThat(r.ratio()).isEqualByComparingTo("0.7889");
		assertThat(r.adherent()).isFalse();
	}

	@Test
	void noFillInThePeriodMeansNothingToMeasure() {
		assertThat(Pdc.of(List.of(new Pdc.Fill("digoxin", LocalDate.of(2025, 6, 1), 30)), JAN_1, MAR_31)).isEmpty();
		assertThatThrownBy(() -> new Pdc.Fill("digoxin", JAN_1, 0)).isInstanceOf(IllegalArgumentException.class);
	}
}
