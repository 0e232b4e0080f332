package org.caremap.task;

import org.caremap.shared.UserId;

/** One person's open work on a day: how much is due that day, and how much is overdue. */
public record DueCount(UserId user, long dueToday, long overdue) {
}
