package org.caremap.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A task with its history in brief: when it was created, when it last changed, and the note of its last status change. */
public record TaskRecord(TaskView task, Instant createdAt, Instant lastChanged, @Nullable String statusNote) {
}
