package org.caremap.team.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.caremap.organization.BusinessCalendar;

/** Business hours on the organisation's business calendar: pure arithmetic, tested without a database. */
final class CoverHours {

	private CoverHours() {
	}

	/** Outside business hours: not a business day (weekend, holiday), or before the day starts, or from its end on. */
	static boolean afterHours(BusinessCalendar calendar, LocalTime dayStarts, LocalTime dayEnds, Instant at) {
		ZonedDateTime local = at.atZone(calendar.zone());
		if (!calendar.isBusinessDay(local.toLocalDate())) return true;
		LocalTime time = local.toLocalTime();
		return time.isBefore(dayStarts) || !time.isBefore(dayEnds);
	}
}
