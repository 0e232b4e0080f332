package org.caremap.budget;

import java.util.List;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * A program's year against its budget, in cents: spend (delivered) and open commitments (arranged, not yet delivered)
 * per month and per line, and what remains (budget less spend less open commitments). {@code unpriced} counts the
 * bookings without a rate (their units are known, their cost is not).
 */
public record BudgetOverview(ProgramId program, int year, @Nullable BudgetView budget, List<Month> months, List<Line> lines,
		long budgetCents, long spendCents, long committedCents, long unpriced) {

	public BudgetOverview {
		months = List.copyOf(months);
		lines = List.copyOf(lines);
	}

	public long remainingCents() {
		return budgetCents - spendCents - committedCents;
	}

	/** One month (1-12): spend and commitments booked in it, and the running totals from January. */
	public record Month(int month, long spendCents, long committedCents, long spendToDateCents, long committedToDateCents) {
	}

	/** One line over the year. */
	public record Line(BudgetLine line, long budgetCents, long spendCents, long committedCents) {

		public long remainingCents() {
			return budgetCents - spendCents - committedCents;
		}
	}
}
