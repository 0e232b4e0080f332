package org.caremap.task;

import java.time.Instant;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/**
 * A program's clock as configured. A built-in clock (the follow-up cadence, the transitions call and visit) keeps its
 * start, stop, unit and target (the follow-up's target is the program's contact cadence); its warning, pauses, time
 * kept and who is told may be changed.
 */
public record ClockView(UUID id, ProgramId program, String key, ClockSettings settings, boolean builtIn,
		@Nullable Instant retiredAt, int version) {

	public boolean retired() {
		return retiredAt != null;
	}
}
