package org.caremap.quality;

import java.time.YearMonth;
import java.util.List;

/**
 * The outcome figures of a month for the whole organisation, counts only (no patient is named or identified), for
 * the supervisors' monthly e-mail. {@code figures} keep the dashboard's order; a value is null when nothing was
 * measured (no denominator).
 */
public record MonthlySummary(YearMonth month, List<Figure> figures) {

	public MonthlySummary {
		figures = List.copyOf(figures);
	}

	/** One figure: its key ({@code quality.measure.<key>} names it in the bundle), counts and value. */
	public record Figure(String key, long numerator, @org.jspecify.annotations.Nullable Long denominator,
			java.math.@org.jspecify.annotations.Nullable BigDecimal value, String unit) {
	}
}
