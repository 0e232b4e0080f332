package org.caremap.access;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * Who cares for a patient within a 42 CFR Part 2 program, and which of the patient's cases are in one. Implemented
 * by the modules that know cases and case teams; consulted by {@link Segmentation}.
 */
public interface Part2Care {

	/** The patients' cases in Part 2 programs, open or closed (patients without any are left out). */
	default Map<PatientId, Set<UUID>> part2Cases(Collection<PatientId> patients) {
		return Map.of();
	}

	/** Which of these patients the user cares for within a Part 2 program. */
	Set<PatientId> insideAmong(UserId user, Collection<PatientId> patients);
}
