package org.caremap.task;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A task to create: for a patient (and usually a case), owned by a user or a team queue, with its window.
 * {@code source} names what created it (e.g. "cadence:&lt;case&gt;") so that automatic tasks are not duplicated.
 */
public record NewTask(PatientId patient, @Nullable CaseId caseId, TaskType type, String title,
		@Nullable String description, @Nullable UserId ownerUser, @Nullable UUID ownerTeam, TaskPriority priority,
		@Nullable Instant notBefore, @Nullable Instant due, @Nullable String source) {

	public NewTask {
		if (patient == null || type == null || priority == null) {
			throw new IllegalArgumentException("patient, type and priority are required");
		}
		if (title == null || title.isBlank()) throw new IllegalArgumentException("title is required");
		if (ownerUser == null && ownerTeam == null) throw new IllegalArgumentException("a task needs an owner");
		if (notBefore != null && due != null && due.isBefore(notBefore)) {
			throw new IllegalArgumentException("a task cannot be due before it may start");
		}
	}
}
