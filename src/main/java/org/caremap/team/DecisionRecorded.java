package org.caremap.team;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * A decision of a case conference about one case, with an owner and a due date: the task module makes it a task for
 * the owner (one per decision, keyed by {@code decision:<id>}).
 */
public record DecisionRecorded(UUID decision, UUID conference, String conferenceTitle, Instant conferenceAt, PatientId patient,
		CaseId caseId, String text, UserId owner, LocalDate dueOn, String recordedBy) {

	/** The task's natural key. */
	public String source() {
		return "decision:" + decision;
	}
}
