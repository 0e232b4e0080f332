package org.caremap.budget;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * The patient's own share of each arranged service (a care-plan intervention). Reads need the right to read the
 * patient's record, changes the right to contribute to it; both are audited.
 */
public interface PatientShares {

	/** The shares recorded for these interventions of the patient (interventions without one are left out). */
	Map<UUID, PatientShare> of(PatientId patient, List<UUID> interventions);

	/** Records (or changes) the patient's share of an intervention. */
	void record(PatientId patient, UUID intervention, PatientShare share);
}
