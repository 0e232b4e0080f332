package org.caremap.task;

import java.time.Instant;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** One row of "My day": the task and the patient context needed to act on it. */
public record WorklistRow(TaskView task, PatientId patient, String patientName, int age, String language,
		@Nullable String acuity, boolean teamQueue, Bucket bucket, long minutesLate) {

	/** Where the row falls in the day. */
	public enum Bucket {
		OVERDUE, DUE_TODAY, UPCOMING, QUEUE
	}

	public boolean notYet(Instant now) {
		return task.notBefore() != null && task.notBefore().isAfter(now);
	}
}
