package org.caremap.transition;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How far behind the applying of ADT messages is: messages are acknowledged once stored and applied afterwards,
 * in order per patient. Counts only, no patient details.
 */
public interface AdtBacklog {

	/** The messages stored and waiting to be applied, and when the oldest of them arrived (null when none waits). */
	record Backlog(long waiting, @Nullable Instant oldest) {
	}

	Backlog backlog();
}
