package org.caremap.task.internal;

import org.springframework.stereotype.Component;

/** Runs one clock sweep on demand (operations and tests), the same code the scheduled job runs. */
@Component
public class ClockSweepProbe {

	private final ClockSweep.Sweeper sweeper;

	ClockSweepProbe(ClockSweep.Sweeper sweeper) {
		this.sweeper = sweeper;
	}

	public int sweep() {
		return sweeper.sweep();
	}
}
