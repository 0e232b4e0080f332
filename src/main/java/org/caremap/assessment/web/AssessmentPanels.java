package org.caremap.assessment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.caremap.assessment.Assessments;
import org.caremap.assessment.ScorePoint;
import org.caremap.assessment.SocialNeed;
import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.springframework.stereotype.Component;

/** The open social needs and the latest score of each instrument, on the chart's summary after the record. */
@Component
class AssessmentPanels implements ChartPanels {

	record NeedsAndScores(List<SocialNeed> openNeeds, List<ScorePoint> latestScores) {
	}

	private final Assessments assessments;

	AssessmentPanels(Assessments assessments) {
		this.assessments = assessments;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("summary")) return List.of();
		var patient = place.header().patient();
		Map<String, ScorePoint> latest = new LinkedHashMap<>();
		assessments.history(patient).forEach(p -> latest.put(p.instrumentKey(), p));
		return List.of(new ChartPart(20, "assessment/chart", "summary", new NeedsAndScores(
				assessments.needs(patient).stream().filter(SocialNeed::open).toList(), List.copyOf(latest.values()))));
	}
}
