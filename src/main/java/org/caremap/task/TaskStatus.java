package org.caremap.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * A task's status, as FHIR Task: requested, ready, in progress and on hold are open; completed, cancelled and
 * failed are final.
 */
public enum TaskStatus {
	REQUESTED, READY, IN_PROGRESS, ON_HOLD, COMPLETED, CANCELLED, FAILED;

	public static final Set<TaskStatus> OPEN = EnumSet.of(REQUESTED, READY, IN_PROGRESS, ON_HOLD);

	public boolean open() {
		return OPEN.contains(this);
	}

	public Set<TaskStatus> next() {
		return switch (this) {
			case REQUESTED, READY -> EnumSet.of(IN_PROGRESS, ON_HOLD, COMPLETED, CANCELLED, FAILED);
			case IN_PROGRESS -> EnumSet.of(ON_HOLD, COMPLETED, CANCELLED, FAILED);
			case ON_HOLD -> EnumSet.of(READY, CANCELLED);
			case COMPLETED, CANCELLED, FAILED -> EnumSet.noneOf(TaskStatus.class);
		};
	}
}
