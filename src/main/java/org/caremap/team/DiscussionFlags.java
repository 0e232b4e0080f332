package org.caremap.team;

import java.util.List;
import java.util.Map;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/**
 * Why a case should be discussed at a team meeting: modules that know a reason (high acuity from the caseload, stalled
 * goals from the care plan, a readmission from the hospital feed, overdue work from the tasks) implement this, and the
 * team module asks all of them when it builds a meeting's agenda. Implementations answer for many cases in one or two
 * queries and return no patient data beyond the reason.
 */
public interface DiscussionFlags {

	/** The reasons, by case, among these cases (a case without a reason is left out). */
	Map<CaseId, List<Flag>> flags(Map<CaseId, PatientId> cases);

	/** One reason: a stable code ("high-acuity", "stalled-goals", "readmission", "overdue-work") and the words shown. */
	record Flag(String code, String reason) {

		public Flag {
			if (code == null || code.isBlank()) throw new IllegalArgumentException("code is required");
			if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is required");
			if (reason.length() > 200) throw new IllegalArgumentException("reason at most 200 characters");
		}
	}
}
