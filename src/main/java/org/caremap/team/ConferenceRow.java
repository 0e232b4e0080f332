package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A conference on the list: when, what, its status, how many cases and decisions (no patient data). */
public record ConferenceRow(UUID id, String title, Instant startsAt, ConferenceStatus status, @Nullable String meetingName,
		int cases, int decisions) {
}
