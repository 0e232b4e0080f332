package org.caremap.medication.web;

import java.util.List;

import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.caremap.medication.AllergyView;
import org.caremap.medication.MedicationView;
import org.caremap.medication.Medications;
import org.springframework.stereotype.Component;

/** The active medications and allergies (refuted ones left out) on the chart's summary. */
@Component
class MedicationPanel implements ChartPanels {

	record Active(List<MedicationView> medications, List<AllergyView> allergies) {
	}

	private final Medications medications;

	MedicationPanel(Medications medications) {
		this.medications = medications;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("summary")) return List.of();
		var patient = place.header().patient();
		return List.of(new ChartPart(30, "medication/chart", "summary", new Active(
				medications.medications(patient).stream().filter(MedicationView::active).toList(),
				medications.allergies(patient).stream()
					.filter(a -> a.active() && !"refuted".equals(a.verificationStatus())).toList())));
	}
}
