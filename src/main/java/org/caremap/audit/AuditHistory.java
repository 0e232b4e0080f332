package org.caremap.audit;

import java.time.Instant;
import java.util.List;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * What the trail recorded about one patient, for the patient's own access log (who in the organisation opened or
 * changed the record, and when). The caller decides who may ask; the trail only answers.
 */
public interface AuditHistory {

	/** One recorded access: when, who (username or system actor), their roles then, what was done to what. */
	record Access(Instant at, String actor, @Nullable String roles, String action, String resourceType, AuditOutcome outcome) {
	}

	/** The accesses to the patient's record from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
	List<Access> ofPatient(PatientId patient, Instant from, Instant to, int limit);

	/** How many accesses to the patient's record fall in the period. */
	long countOfPatient(PatientId patient, Instant from, Instant to);
}
