package org.caremap.chart;

import java.util.Optional;

import org.caremap.shared.PatientId;

/**
 * Who a chart is about, as the patient registry knows them. The registry implements it, so that the chart frames
 * the registry's own pages without depending on it.
 */
public interface ChartSubjects {

	/**
	 * The patient, read through the registry's check: a reader who may not read the record is refused (and the
	 * refusal audited) here, before any other module is asked. Empty when there is no such patient.
	 */
	Optional<ChartSubject> find(PatientId patient);
}
