package org.caremap.patient;

import java.util.List;

/** An existing patient who may be the same person, with the match score (0 to 1) and what agreed. */
public record DuplicateCandidate(PatientHeader patient, double score, boolean probable, List<String> reasons) {
	public DuplicateCandidate {
		reasons = List.copyOf(reasons);
	}
}
