package org.caremap.workforce;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A required training of one person: when they last completed it, when it falls due next (null: never taken). */
public record TrainingStatus(TrainingRequirement training, @Nullable LocalDate completedOn, @Nullable LocalDate dueOn,
		Standing standing) {
}
