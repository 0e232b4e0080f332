package org.caremap.team.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.cover.*}: how often ended cover periods and shifts are closed. (After hours are outside the
 * organisation's business hours, {@code caremap.organization.opens} / {@code .closes}, read with its calendar.)
 */
@ConfigurationProperties("caremap.cover")
public record CoverProperties(Duration sweepInterval) {
	public CoverProperties {
		if (sweepInterval == null) sweepInterval = Duration.ofMinutes(1);
	}
}
