package org.caremap.transition;

import java.time.Instant;
import java.util.Set;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * What other systems ask for when they look for stays and visits: of one patient, overlapping a time window, of
 * some patient classes (HL7 v2 PV1-2: I, E, O, ...), changed within a window. Every criterion is optional; the
 * bounds are inclusive.
 */
public record EncounterQuery(@Nullable PatientId patient, @Nullable Instant from, @Nullable Instant to,
		Set<String> patientClasses, @Nullable Instant changedFrom, @Nullable Instant changedTo) {

	public EncounterQuery {
		patientClasses = Set.copyOf(patientClasses);
	}
}
