package org.caremap.chart;

import org.jspecify.annotations.Nullable;

/**
 * A place on a chart page where other modules may show panels: its name (e.g. {@code summary}, {@code tasks},
 * {@code assessment-result}), the header of the chart it is in, and what the page is about there (the
 * assessment whose result is shown, the case whose tasks are listed), if anything.
 */
public record ChartPlace(String name, ChartHeader header, @Nullable Object subject) {

	public boolean is(String place) {
		return name.equals(place);
	}
}
