package org.caremap.medication.web;

import java.util.List;

import org.caremap.chart.ChartHeaderFacts;
import org.caremap.chart.ChartPart;
import org.caremap.medication.Adherence;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/** A drug class below 80% of days covered, as a flag in the chart's header (a way to the adherence page). */
@Component
class AdherenceFacts implements ChartHeaderFacts {

	private final Adherence adherence;

	AdherenceFacts(Adherence adherence) {
		this.adherence = adherence;
	}

	@Override
	public List<ChartPart> about(PatientId patient) {
		List<Adherence.AdherenceFlag> flags = adherence.flags(patient);
		return flags.isEmpty() ? List.of() : List.of(new ChartPart(55, "medication/chart", "flags", flags));
	}
}
