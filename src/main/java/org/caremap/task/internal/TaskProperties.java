package org.caremap.task.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.task.*}: how long past its due time an open task waits before it is escalated to the
 * supervisor, and how often the escalation sweep runs.
 */
@ConfigurationProperties("caremap.task")
public record TaskProperties(Duration escalateAfter, Duration sweepInterval) {
	public TaskProperties {
		if (escalateAfter == null) escalateAfter = Duration.ofHours(24);
		if (sweepInterval == null) sweepInterval = Duration.ofMinutes(5);
	}
}
