package org.caremap.organization.internal;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.organization.opens} and {@code .closes}: the organisation's business hours on its business days, in
 * its time zone. The one place they are read: the business calendar carries them to everyone who needs them (a
 * business-hours clock counts them; outside them STAT work goes to whoever is on call). 09:00 to 17:00 unless set.
 */
@ConfigurationProperties("caremap.organization")
public record BusinessHoursProperties(LocalTime opens, LocalTime closes) {
	public BusinessHoursProperties {
		if (opens == null) opens = LocalTime.of(9, 0);
		if (closes == null) closes = LocalTime.of(17, 0);
		if (!closes.isAfter(opens)) throw new IllegalArgumentException("caremap.organization: closes must be after opens");
	}
}
