package org.caremap.billing.internal;

import java.util.List;
import java.util.UUID;

/**
 * What the engine found for one case in a month: the minutes of work inside the month (clinical staff and physician
 * time), the minutes that count (after consent), the codes billed with their units, the work items inside the month,
 * and the reasons, in plain words, for what is not billed.
 */
public record CaseOutcome(UUID caseId, int clinicalMinutes, int physicianMinutes, int countedClinical,
		int countedPhysician, List<CodeThreshold.Line> lines, List<WorkItem> work, List<Reason> reasons) {

	public CaseOutcome {
		lines = List.copyOf(lines);
		work = List.copyOf(work);
		reasons = List.copyOf(reasons);
	}

	public boolean billable() {
		return !lines.isEmpty();
	}
}
