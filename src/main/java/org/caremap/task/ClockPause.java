package org.caremap.task;

/** What pauses a clock. */
public enum ClockPause {
	/** The case is on hold. */
	CASE_ON_HOLD,
	/** The patient is in hospital (from the admission to the discharge). */
	IN_HOSPITAL
}
