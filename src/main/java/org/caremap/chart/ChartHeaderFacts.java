package org.caremap.chart;

import java.util.List;

import org.caremap.shared.PatientId;

/**
 * A module's facts in the chart's sticky header, the ones that must stay in view on every tab. They stand after
 * the patient's name, by order: the open cases (10) and the acuity (20), then the flags: interpreter (30),
 * Part 2 confidentiality (40), urgent safety flags (50), emergency access in effect (60). Called after the
 * patient's record was opened to the reader.
 */
public interface ChartHeaderFacts {

	/** What this module shows about the patient in the header; nothing when it has nothing to say. */
	List<ChartPart> about(PatientId patient);
}
