package org.caremap.caseload;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.caremap.shared.PatientId;

/**
 * What other modules know about cases that caseload lists show: the last contact (contacts), the next due work
 * (tasks) and the flags each module raises about a case or its patient (safety flags from assessments, late work from
 * tasks, hospital stays from transitions). Each implementation answers what it knows, from its own tables, and leaves
 * the rest empty.
 */
public interface CaseSignals {

	default Map<CaseId, LocalDate> lastContact(Collection<CaseId> cases) {
		return Map.of();
	}

	default Map<CaseId, LocalDate> nextDue(Collection<CaseId> cases) {
		return Map.of();
	}

	/**
	 * How many open work items each of these people owns past due (for the supervisor's view of the team; the task
	 * module knows). People without overdue work are left out.
	 */
	default Map<org.caremap.shared.UserId, Long> overdueWork(Collection<org.caremap.shared.UserId> people) {
		return Map.of();
	}

	/** The flags of these cases, each case given with its patient; cases without a flag are left out. */
	default Map<CaseId, List<CaseFlag>> flags(Map<CaseId, PatientId> cases) {
		return Map.of();
	}
}
