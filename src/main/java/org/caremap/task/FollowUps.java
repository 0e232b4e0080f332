package org.caremap.task;

import java.time.Instant;
import java.util.Optional;

import org.caremap.caseload.CaseId;

/**
 * The contact cadence of each case: the next follow-up is due a program's number of days after the last
 * completed (reached) contact; a case on hold has none; resuming restarts the clock.
 */
public interface FollowUps {

	/** A contact reached the patient (or their caregiver): the cadence restarts from it. */
	void contactReached(CaseId caseId, Instant at);

	/** The open follow-up task of a case, if any. */
	Optional<TaskView> next(CaseId caseId);
}
