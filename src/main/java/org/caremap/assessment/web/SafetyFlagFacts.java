package org.caremap.assessment.web;

import java.util.List;

import org.caremap.assessment.AssessmentFlag;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Scoring;
import org.caremap.chart.ChartHeaderFacts;
import org.caremap.chart.ChartPart;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/** The open urgent flags of the patient's assessments in the chart's header, each a way to its assessment. */
@Component
class SafetyFlagFacts implements ChartHeaderFacts {

	private final Assessments assessments;

	SafetyFlagFacts(Assessments assessments) {
		this.assessments = assessments;
	}

	@Override
	public List<ChartPart> about(PatientId patient) {
		List<AssessmentFlag> urgent = assessments.flags(patient).stream()
			.filter(f -> f.open() && f.severity() == Scoring.Severity.URGENT).toList();
		return urgent.isEmpty() ? List.of() : List.of(new ChartPart(50, "assessment/chart", "flags", urgent));
	}
}
