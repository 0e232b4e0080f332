package org.caremap.task;

import java.time.Instant;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Work meant for a user that someone else was given while they were away (cover) or after hours (on call): who had
 * it, and whether it came back to the user (still open when the arrangement ended) or was done for them.
 */
public record HandledWork(TaskView task, String patientName, UserId actingBy, String actingByName, String kind,
		@Nullable Instant returnedAt) {

	public boolean returned() {
		return returnedAt != null;
	}
}
