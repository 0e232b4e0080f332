package org.caremap.chart;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * What other modules know about the interventions of a care plan, shown beside each one on the care-plan page and
 * told in plain words on the patient's copy (e.g. utilization: the authorization an intervention depends on, its
 * units left and expiry, a warning when it is missing, denied, expiring or used up). The care plan asks every
 * implementation about the interventions of the plan it shows; each answers from its own tables.
 * <p>
 * It is declared here, beside the chart's other contribution points, rather than in {@code careplan}: a module that
 * contributes (utilization) is itself listened to by {@code task}, which {@code careplan} already depends on, so a
 * dependency of the contributor on {@code careplan} would close a cycle.
 */
public interface InterventionNotes {

	/** An intervention as the care plan holds it: its id, its text, who carries it out (the owner's name), and whether it is still going on. */
	record Intervention(UUID id, String text, String owner, boolean active) {
	}

	/** What this module shows beside each of these interventions (its own fragments); interventions it knows nothing of are left out. */
	Map<UUID, List<ChartPart>> about(ChartHeader header, List<Intervention> interventions);

	/** Plain words for the patient's copy, per intervention, in the language asked for (English where it has no other). */
	default Map<UUID, List<String>> forPatient(PatientId patient, List<UUID> interventions, String language, LocalDate today) {
		return Map.of();
	}
}
