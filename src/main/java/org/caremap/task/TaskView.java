package org.caremap.task;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A task as lists and pages show it; {@code forPatient}: the patient does it (and marks it done in the portal). */
public record TaskView(TaskId id, PatientId patient, @Nullable CaseId caseId, TaskType type, String title,
		@Nullable String description, @Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskStatus status,
		TaskPriority priority, @Nullable Instant notBefore, @Nullable Instant due, @Nullable String outcome,
		@Nullable Instant completedAt, @Nullable Instant escalatedAt, boolean forPatient) {

	public TaskView(TaskId id, PatientId patient, @Nullable CaseId caseId, TaskType type, String title,
			@Nullable String description, @Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskStatus status,
			TaskPriority priority, @Nullable Instant notBefore, @Nullable Instant due, @Nullable String outcome,
			@Nullable Instant completedAt, @Nullable Instant escalatedAt) {
		this(id, patient, caseId, type, title, description, ownerUser, ownerTeam, status, priority, notBefore, due, outcome,
				completedAt, escalatedAt, false);
	}

	public boolean overdue(Instant now) {
		return status.open() && due != null && due.isBefore(now);
	}
}
