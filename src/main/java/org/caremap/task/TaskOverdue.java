package org.caremap.task;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A task passed its escalation point (once): whose it is (a person, or a team's queue), what it is, so that their
 * supervisors and they can be told.
 */
public record TaskOverdue(TaskId task, PatientId patient, @Nullable UserId owner, java.util.@Nullable UUID team,
		String title) {
}
