package org.caremap.patient.web;

import java.util.List;

import org.caremap.access.Part2Segment;
import org.caremap.access.Segmentation;
import org.caremap.chart.ChartPanels;
import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartPlace;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientProvider;
import org.springframework.stereotype.Component;

/** The registration record on the chart's summary: first the record with its forms, last the merge of a duplicate. */
@Component
class RegistrationPanels implements ChartPanels {

	/**
	 * The registration record, and the choices its forms offer; {@code part2Default}: a condition the reader records
	 * is labelled 42 CFR Part 2 unless they untick it (they care for the patient within a Part 2 program);
	 * {@code part2Notice}: labelled conditions are shown under the patient's consent, with the notice against
	 * redisclosure.
	 */
	record Record(PatientDetails patient, List<IdentifierType> identifierTypes, List<PatientProvider.Role> providerRoles,
			boolean part2Default, boolean part2Notice) {
	}

	private final Segmentation segmentation;

	RegistrationPanels(Segmentation segmentation) {
		this.segmentation = segmentation;
	}

	@Override
	public List<ChartPart> at(ChartPlace place) {
		if (!place.is("summary")) return List.of();
		PatientDetails patient = place.header().value(PatientDetails.class).orElseThrow();
		Part2Segment segment = segmentation.part2(patient.header().id());
		return List.of(
				new ChartPart(10, "patient/chart", "record",
						new Record(patient, List.of(IdentifierType.values()), List.of(PatientProvider.Role.values()),
								segment.reach() == Part2Segment.Reach.INSIDE && !segment.cases().isEmpty(),
								segment.needsNotice() && patient.conditions().stream().anyMatch(CodedCondition::part2))),
				new ChartPart(90, "patient/chart", "merge", patient));
	}
}
