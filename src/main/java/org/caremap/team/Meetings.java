package org.caremap.team;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Recurring team meetings: weekly on a weekday and at a time in the organisation's time zone, for a team or a program,
 * with a facilitator. Opening the next meeting makes its conference (once per occurrence) with an agenda built from
 * the cases flagged for discussion ({@link DiscussionFlags}), each with its reasons. Supervisors set them up and open them.
 */
public interface Meetings {

	UUID create(MeetingSetup setup);

	List<MeetingView> all();

	Optional<MeetingView> find(UUID id);

	/** The next occurrence from now (the current one if it started less than its length ago). */
	ZonedDateTime next(UUID meeting);

	/** Makes (or finds) the conference of the next occurrence, its agenda built from the flagged cases; returns its id. */
	UUID openNext(UUID meeting);
}
