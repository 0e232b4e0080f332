package org.caremap.careplan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/**
 * A version of a care plan was written (started, revised, a goal's progress recorded): the state of each of its
 * goals in that version, for modules that follow goals over time (the outcome measures' goals met). No goal text.
 */
public record CarePlanRevised(UUID plan, PatientId patient, CaseId caseId, int version, List<GoalState> goals,
		Instant at) {

	public CarePlanRevised {
		goals = List.copyOf(goals);
	}

	/** A goal's lifecycle and achievement in this version. */
	public record GoalState(UUID goal, CarePlanContent.Lifecycle lifecycle, CarePlanContent.Achievement achievement) {
		/** Met: achieved, sustained, or completed. */
		public boolean met() {
			return achievement == CarePlanContent.Achievement.ACHIEVED || achievement == CarePlanContent.Achievement.SUSTAINING
					|| lifecycle == CarePlanContent.Lifecycle.COMPLETED;
		}

		/** No longer pursued without being met: cancelled or found not attainable. */
		public boolean dropped() {
			return !met() && (lifecycle == CarePlanContent.Lifecycle.CANCELLED
					|| achievement == CarePlanContent.Achievement.NOT_ATTAINABLE);
		}
	}
}
