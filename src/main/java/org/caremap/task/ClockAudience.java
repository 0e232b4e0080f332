package org.caremap.task;

/** Who is told when a clock reaches its warning and its breach. */
public enum ClockAudience {
	CASE_MANAGER, SUPERVISOR, BOTH, NOBODY
}
