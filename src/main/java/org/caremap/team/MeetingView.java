package org.caremap.team;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A recurring team meeting: for whom (the team's or program's name), when, who leads it, and its next occurrence. */
public record MeetingView(UUID id, String name, @Nullable UUID team, @Nullable UUID program, String forName, DayOfWeek weekday,
		LocalTime at, int minutes, String facilitatorName, ZonedDateTime next, @Nullable UUID nextConference) {
}
