package org.caremap.task;

import java.util.UUID;

/** Identifies a task. */
public record TaskId(UUID value) {
	public TaskId {
		if (value == null) throw new IllegalArgumentException("task id is required");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
