package org.caremap.patient;

import java.time.LocalDate;

/**
 * How much of a date is known: FHIR allows a birth date of only a year ({@code 1950}) or a year and month
 * ({@code 1950-05}). The date is stored as its first day with the precision beside it, and shown and served back
 * as it was given.
 */
public enum DatePrecision {
	YEAR, MONTH, DAY;

	/** The date as far as it is known: {@code 1950}, {@code 1950-05} or {@code 1950-05-17}. */
	public String format(LocalDate date) {
		return switch (this) {
			case YEAR -> String.format("%04d", date.getYear());
			case MONTH -> String.format("%04d-%02d", date.getYear(), date.getMonthValue());
			case DAY -> date.toString();
		};
	}
}
