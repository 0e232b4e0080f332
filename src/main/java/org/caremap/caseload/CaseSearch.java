package org.caremap.caseload;

import java.time.Instant;
import java.util.Set;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Which cases a system asks for (the FHIR API): one case, a patient's cases, a case manager's, cases in some
 * statuses, cases changed within a time range, only cases with a recorded consent. Empty criteria match every case.
 */
public record CaseSearch(@Nullable CaseId id, @Nullable PatientId patient, @Nullable UserId caseManager,
		Set<CaseStatus> statuses, @Nullable Instant changedFrom, @Nullable Instant changedTo, boolean consented) {

	public CaseSearch {
		statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
	}

	/** Every case. */
	public static CaseSearch all() {
		return new CaseSearch(null, null, null, Set.of(), null, null, false);
	}

	/** One case. */
	public static CaseSearch of(CaseId id) {
		return all().withId(id);
	}

	public CaseSearch withId(CaseId value) {
		return new CaseSearch(value, patient, caseManager, statuses, changedFrom, changedTo, consented);
	}

	public CaseSearch withPatient(@Nullable PatientId value) {
		return new CaseSearch(id, value, caseManager, statuses, changedFrom, changedTo, consented);
	}

	public CaseSearch withCaseManager(@Nullable UserId value) {
		return new CaseSearch(id, patient, value, statuses, changedFrom, changedTo, consented);
	}

	public CaseSearch withStatuses(Set<CaseStatus> value) {
		return new CaseSearch(id, patient, caseManager, value, changedFrom, changedTo, consented);
	}

	public CaseSearch changedBetween(@Nullable Instant from, @Nullable Instant to) {
		return new CaseSearch(id, patient, caseManager, statuses, from, to, consented);
	}

	public CaseSearch withConsent() {
		return new CaseSearch(id, patient, caseManager, statuses, changedFrom, changedTo, true);
	}
}
