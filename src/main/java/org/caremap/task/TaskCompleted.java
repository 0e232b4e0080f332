package org.caremap.task;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A task was completed. */
public record TaskCompleted(TaskId task, PatientId patient, @Nullable UUID caseId, TaskType type, Instant at) {
}
