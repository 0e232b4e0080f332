package org.caremap.chart;

import java.util.List;

/**
 * A module's panels on chart pages it does not own. The summary tab is made of them alone (the registration
 * record, social needs and scores, medications); other pages offer a place where a module adds what it knows
 * (the minutes of the case beside its tasks, the care-plan templates an assessment's result suggests).
 */
public interface ChartPanels {

	/** What this module shows at this place; nothing where it has nothing to add. */
	List<ChartPart> at(ChartPlace place);
}
