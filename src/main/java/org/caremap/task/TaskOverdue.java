package org.caremap.task;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A task passed its escalation point and its owner's supervisors were told. */
public record TaskOverdue(TaskId task, PatientId patient, @Nullable UserId owner) {
}
