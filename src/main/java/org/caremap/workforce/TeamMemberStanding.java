package org.caremap.workforce;

import java.time.LocalDate;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A line of the supervisor's team view: a person by name, where they stand, how many of their credentials have
 * expired or are expiring, how many trainings are overdue, and the next thing to expire or fall due (with its day).
 */
public record TeamMemberStanding(UserId user, String name, Standing standing, int expired, int expiring, int overdue,
		@Nullable String next, @Nullable LocalDate nextOn, boolean mayTakeCases) {
}
