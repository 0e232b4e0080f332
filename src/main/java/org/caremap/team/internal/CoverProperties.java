package org.caremap.team.internal;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.cover.*}: the organisation's business hours (on its business days, in its time zone; outside them
 * STAT work goes to whoever is on call), and how often ended cover periods and shifts are closed.
 */
@ConfigurationProperties("caremap.cover")
public record CoverProperties(LocalTime dayStarts, LocalTime dayEnds, Duration sweepInterval) {
	public CoverProperties {
		if (dayStarts == null) dayStarts = LocalTime.of(8, 0);
		if (dayEnds == null) dayEnds = LocalTime.of(18, 0);
		if (sweepInterval == null) sweepInterval = Duration.ofMinutes(1);
		if (!dayEnds.isAfter(dayStarts)) throw new IllegalArgumentException("the business day must end after it starts");
	}
}
