package org.caremap.caseload;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * What other modules know about cases that caseload lists show: the last contact (contacts) and the next due
 * work (tasks). Each implementation answers what it knows and leaves the rest empty.
 */
public interface CaseSignals {

	default Map<CaseId, LocalDate> lastContact(Collection<CaseId> cases) {
		return Map.of();
	}

	default Map<CaseId, LocalDate> nextDue(Collection<CaseId> cases) {
		return Map.of();
	}
}
