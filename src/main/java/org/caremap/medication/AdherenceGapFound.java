package org.caremap.medication;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.caremap.shared.PatientId;

/**
 * The proportion of days covered of a drug class fell below 80% in a measurement period (published once per patient,
 * class and period, the first time it is found).
 */
public record AdherenceGapFound(PatientId patient, DrugClass drugClass, String period, LocalDate indexDate,
		LocalDate periodEnd, BigDecimal pdc) {

	/** The PDC as a whole percentage, e.g. 64. */
	public int percent() {
		return pdc.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).intValue();
	}
}
