package org.caremap.careplan.web;

import java.util.List;

import org.caremap.assessment.AssessmentView;
import org.caremap.careplan.CarePlans;
import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.springframework.stereotype.Component;

/** On an assessment's result: the care-plan templates it suggests (only those some answer triggers), by title. */
@Component
class TemplateSuggestionsPanel implements ChartPanels {

	private final CarePlans plans;

	TemplateSuggestionsPanel(CarePlans plans) {
		this.plans = plans;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("assessment-result") || !(place.subject() instanceof AssessmentView a) || a.result() == null) {
			return List.of();
		}
		List<String> triggers = a.result().suggestions();
		List<String> titles = plans.templates().stream()
			.filter(t -> t.triggers().stream().anyMatch(triggers::contains)).map(t -> t.title("en")).toList();
		return titles.isEmpty() ? List.of() : List.of(new ChartPart(10, "careplan/chart", "suggestions", titles));
	}
}
