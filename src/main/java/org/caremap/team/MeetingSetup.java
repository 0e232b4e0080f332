package org.caremap.team;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/** A weekly meeting to set up: its name, for a team (of the organisation) or a program, the weekday, time and length. */
public record MeetingSetup(String name, @Nullable UUID team, @Nullable ProgramId program, DayOfWeek weekday, LocalTime at,
		int minutes) {
}
