package org.caremap.patient.web;

import java.util.List;
import java.util.Optional;

import org.caremap.chart.ChartPart;
import org.caremap.chart.ChartSubject;
import org.caremap.chart.ChartSubjects;
import org.caremap.patient.PatientDetails;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.springframework.stereotype.Component;

/**
 * Who a chart is about, from the registry: the patient's name, who they are at the top of the header, and whether
 * they need an interpreter. Each part carries the patient's {@link PatientDetails}, which the registry's pages take
 * back from the header instead of reading the record again.
 */
@Component
class RegistrySubjects implements ChartSubjects {

	private final PatientRegistry patients;

	RegistrySubjects(PatientRegistry patients) {
		this.patients = patients;
	}

	@Override
	public Optional<ChartSubject> find(PatientId patient) {
		return patients.details(patient).map(details -> new ChartSubject(details.header().displayName(),
				new ChartPart(0, "patient/chart", "introduction", details),
				details.interpreterNeeded() ? List.of(new ChartPart(30, "patient/chart", "interpreter", details)) : List.of()));
	}
}
