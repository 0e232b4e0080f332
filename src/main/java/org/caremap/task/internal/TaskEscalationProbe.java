package org.caremap.task.internal;

import org.springframework.stereotype.Component;

/** Runs one escalation sweep on demand (operations and tests), the same code the scheduled job runs. */
@Component
public class TaskEscalationProbe {

	private final TaskEscalation.Escalator escalator;

	TaskEscalationProbe(TaskEscalation.Escalator escalator) {
		this.escalator = escalator;
	}

	public int sweep() {
		return escalator.sweep();
	}
}
