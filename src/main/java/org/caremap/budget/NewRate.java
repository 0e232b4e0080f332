package org.caremap.budget;

import java.time.LocalDate;
import java.util.Locale;

import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/** A rate to add (see {@link RateView}). */
public record NewRate(BookingSource source, @Nullable String payer, String code, @Nullable String label, LocalDate effectiveFrom,
		@Nullable LocalDate effectiveTo, long centsPerUnit) {

	public NewRate {
		if (source == null || effectiveFrom == null) throw new DomainException("budget.rate-incomplete", "a rate needs a source and a start");
		payer = Texts.orNull(payer);
		code = code == null ? "" : code.trim();
		if (source == BookingSource.AUTHORIZATION) code = code.toUpperCase(Locale.ROOT);
		if (code.isEmpty() || code.length() > 100) throw new DomainException("budget.rate-code", "give the code (at most 100 characters)");
		label = Texts.orNull(label);
		if ((payer != null && payer.length() > 200) || (label != null && label.length() > 200)) {
			throw new DomainException("budget.rate-text", "at most 200 characters");
		}
		if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
			throw new DomainException("budget.rate-dates", "the rate ends before it starts");
		}
		if (centsPerUnit < 0 || centsPerUnit > 1_000_000_000L) throw new DomainException("budget.rate-amount", "a rate from 0 to ten million");
	}
}
