package org.caremap.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import org.caremap.budget.BookingSource;
import org.caremap.budget.RateView;
import org.caremap.program.ProgramId;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationStatus;
import org.caremap.utilization.LineDecision;
import org.jspecify.annotations.Nullable;

/**
 * The booking rules, pure so that a test walks them:
 * <ul>
 * <li>A rate applies on a day when the day is within its dates; the payer's own rate for the code wins over the
 * contract's (no payer); of two that apply, the one that started later.</li>
 * <li>Cost = units x rate, rounded to the cent; no rate, no cost (the booking stays, unpriced).</li>
 * <li>An authorization line commits its approved units not yet used (a commitment's open units are those arranged less
 * those spent), while the request is in force and the line was approved (in full or in part); denied, withdrawn or
 * expired, the commitment is released.</li>
 * <li>Units used are spent on the day used, at the rate of that day; the commitment is priced at the rate of the
 * approved period's first day.</li>
 * </ul>
 */
final class BookingRules {

	private BookingRules() {
	}

	/** The rate for one unit of this code from this payer on this day, if any. */
	static Optional<RateView> rate(List<RateView> rates, BookingSource source, @Nullable String payer, String code, LocalDate day) {
		return rates.stream()
			.filter(r -> r.source() == source && r.code().equalsIgnoreCase(code))
			.filter(r -> !day.isBefore(r.effectiveFrom()) && (r.effectiveTo() == null || !day.isAfter(r.effectiveTo())))
			.filter(r -> r.payer() == null || (payer != null && r.payer().equalsIgnoreCase(payer.trim())))
			.max(Comparator.<RateView>comparingInt(r -> r.payer() == null ? 0 : 1).thenComparing(RateView::effectiveFrom));
	}

	/** Units x rate, rounded half up to the cent; null without a rate. */
	static @Nullable Long cost(BigDecimal units, @Nullable RateView rate) {
		if (rate == null) return null;
		return units.multiply(BigDecimal.valueOf(rate.centsPerUnit())).setScale(0, RoundingMode.HALF_UP).longValueExact();
	}

	/** A commitment's open units: what was arranged less what was spent of it, never below nothing. */
	static BigDecimal openUnits(BigDecimal arranged, BigDecimal spent) {
		return arranged.subtract(spent).max(BigDecimal.ZERO);
	}

	/**
	 * The commitments a decision books, one per line: the approved units from the approved period's first day (or the
	 * decision's day), released with its reason when the request or the line does not hold; a line that does not hold
	 * and was never committed books nothing.
	 */
	static List<BudgetBook.Entry> decision(AuthorizationDecided e, LocalDate decidedOn, Function<LocalDate, @Nullable ProgramId> program,
			Predicate<String> booked) {
		List<BudgetBook.Entry> out = new ArrayList<>();
		for (AuthorizationDecided.DecidedLine l : e.lines()) {
			String key = "AUTH_LINE:" + l.line();
			String released = releasedBecause(e.status(), l.decision());
			if (released != null && !booked.test(key)) continue;
			LocalDate on = l.approvedFrom() == null ? decidedOn : l.approvedFrom();
			out.add(BudgetBook.Entry.commitment(key, BookingSource.AUTHORIZATION, l.line(), program.apply(on), e.patient(), e.payer(),
					l.code(), e.service(), on, BigDecimal.valueOf(l.unitsApproved()), released));
		}
		return out;
	}

	/** Why a commitment no longer holds, as a key of the bundles, or null while it holds. */
	static @Nullable String releasedBecause(AuthorizationStatus status, LineDecision decision) {
		return switch (status) {
			case DENIED -> "budget.released.denied";
			case WITHDRAWN -> "budget.released.withdrawn";
			case EXPIRED -> "budget.released.expired";
			case APPROVED, PARTIALLY_APPROVED -> decision == LineDecision.DENIED ? "budget.released.denied" : null;
			default -> "budget.released.notDecided";
		};
	}

	/** Staff minutes as hours (the staff rate is per hour), to four places. */
	static BigDecimal hours(int minutes) {
		return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_UP);
	}
}
