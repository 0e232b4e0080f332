package org.caremap.task;

import java.time.Instant;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A task was completed: when and by whom (the username, or system:*), and the time it took when that was entered
 * ({@code spent}, for care-management billing).
 */
public record TaskCompleted(TaskId task, PatientId patient, @Nullable CaseId caseId, TaskType type, Instant completedAt,
		String completedBy, @Nullable TimeSpent spent) {
}
