package org.caremap.chart;

import java.util.Set;

import org.caremap.access.AccessPurpose;
import org.caremap.shared.PatientId;

/**
 * A tab of the patient chart, declared by the module that owns its page. The chart lists the tabs by order:
 * summary (10), timeline (20), cases (30), assessments (40), care plan (50), stays (60), tasks (70), notes (80),
 * support network (90), coverage (100).
 */
public interface ChartTab {

	/** The tab's name; a page of the tab names it when it prepares the header, and the tab shows as current. */
	String key();

	/** The message key of the tab's label: {@code chart.tab.} and the tab's name, unless the tab says otherwise. */
	default String label() {
		return "chart.tab." + key();
	}

	int order();

	/** Where the tab's page is, under the patient's chart ({@code ""} for the chart itself, else e.g. {@code /stays}). */
	String path();

	/** Whether the tab is offered on this patient's chart to a reader who may do this much with the record. */
	default boolean shownFor(PatientId patient, Set<AccessPurpose> allowed) {
		return true;
	}
}
