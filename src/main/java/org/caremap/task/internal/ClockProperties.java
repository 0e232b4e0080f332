package org.caremap.task.internal;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.task.clock.*}: the opening hours a business-hours clock counts (on the organisation's business days,
 * in its zone). 09:00 to 17:00 unless set.
 */
@ConfigurationProperties("caremap.task.clock")
public record ClockProperties(LocalTime opens, LocalTime closes) {
	public ClockProperties {
		if (opens == null) opens = LocalTime.of(9, 0);
		if (closes == null) closes = LocalTime.of(17, 0);
		if (!closes.isAfter(opens)) throw new IllegalArgumentException("caremap.task.clock: closes must be after opens");
	}
}
