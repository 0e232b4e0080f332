package org.caremap.task;

import java.time.Instant;
import java.util.Set;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * What other systems ask for when they look for tasks: of one patient, owned by one person, in some statuses, due
 * within a window, changed within a window. Every criterion is optional; the bounds of a window are inclusive.
 */
public record TaskQuery(@Nullable PatientId patient, @Nullable UserId owner, Set<TaskStatus> statuses,
		@Nullable Instant dueFrom, @Nullable Instant dueTo, @Nullable Instant changedFrom, @Nullable Instant changedTo) {

	public TaskQuery {
		statuses = Set.copyOf(statuses);
	}
}
