package org.caremap.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.caremap.organization.BusinessCalendar;
import org.caremap.task.ClockUnit;
import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of a clock on the organisation's calendar (pure: walked by {@code ClockMathTest}).
 * <p>
 * A clock's deadline from its start: N business days or calendar days end at the end of the Nth day after the start's
 * day (as the transitions clocks always did); N calendar hours are N elapsed hours (23 or 25 on a DST day are counted as
 * they pass); N business hours count only the opening hours of business days, in the organisation's zone (a DST
 * change moves the instants, not the opening hours).
 * <p>
 * While a clock runs only some time counts: all of it for calendar units, the time of business days for business
 * days, the opening hours of business days for business hours. Paused, a clock keeps the counted time left between
 * the pause and the due time, and, resumed, the due time is where that much counted time has run again: a clock paused
 * on Friday with Monday and Tuesday left, resumed on a Sunday, is due at the end of Tuesday; one with 5 business hours
 * left, resumed on the eve of a holiday, runs those hours on the next business day.
 */
final class ClockMath {

	/** The opening hours of a business day. */
	record BusinessHours(LocalTime opens, LocalTime closes) {
		BusinessHours {
			if (!closes.isAfter(opens)) throw new IllegalArgumentException("business hours close after they open");
		}
	}

	/** No deadline lies further than this many days of searching (a year of holidays is not a calendar). */
	private static final int MAX_DAYS = 3 * 366 + 31;

	private final BusinessCalendar calendar;
	private final BusinessHours hours;

	ClockMath(BusinessCalendar calendar, BusinessHours hours) {
		this.calendar = calendar;
		this.hours = hours;
	}

	/** The due time of a clock of {@code n} units started at {@code start}. */
	Instant deadline(ClockUnit unit, Instant start, int n) {
		return switch (unit) {
			case BUSINESS_DAYS -> calendar.endOfBusinessDaysAfter(start, n);
			case CALENDAR_DAYS -> calendar.endOfCalendarDaysAfter(start, n);
			case CALENDAR_HOURS -> start.plus(Duration.ofHours(n));
			case BUSINESS_HOURS -> advance(unit, start, Duration.ofHours(n));
		};
	}

	/** When to warn: {@code n} units before the due time ({@code null} for no warning). */
	Instant warning(ClockUnit unit, Instant due, int n) {
		return switch (unit) {
			case BUSINESS_DAYS -> {
				LocalDate day = due.atZone(calendar.zone()).toLocalDate();
				for (int left = n; left > 0;) {
					day = day.minusDays(1);
					if (calendar.isBusinessDay(day)) left--;
				}
				yield calendar.endOfDay(day);
			}
			case CALENDAR_DAYS -> calendar.endOfDay(due.atZone(calendar.zone()).toLocalDate().minusDays(n));
			case CALENDAR_HOURS -> due.minus(Duration.ofHours(n));
			case BUSINESS_HOURS -> retreat(due, Duration.ofHours(n));
		};
	}

	/** The counted time between two instants (none when {@code to} is not after {@code from}). */
	Duration counted(ClockUnit unit, Instant from, Instant to) {
		if (!to.isAfter(from)) return Duration.ZERO;
		if (unit == ClockUnit.CALENDAR_DAYS || unit == ClockUnit.CALENDAR_HOURS) return Duration.between(from, to);
		Duration total = Duration.ZERO;
		LocalDate last = to.atZone(calendar.zone()).toLocalDate();
		for (LocalDate day = from.atZone(calendar.zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			Instant[] window = window(unit, day);
			if (window == null) continue;
			Instant a = window[0].isAfter(from) ? window[0] : from;
			Instant b = window[1].isBefore(to) ? window[1] : to;
			if (b.isAfter(a)) total = total.plus(Duration.between(a, b));
		}
		return total;
	}

	/** Where {@code left} counted time has run from {@code from}: the due time of a resumed clock. */
	Instant advance(ClockUnit unit, Instant from, Duration left) {
		if (unit == ClockUnit.CALENDAR_DAYS || unit == ClockUnit.CALENDAR_HOURS) return from.plus(left);
		Duration rest = left;
		LocalDate day = from.atZone(calendar.zone()).toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			Instant[] window = window(unit, day);
			if (window == null) continue;
			Instant a = window[0].isAfter(from) ? window[0] : from;
			if (!window[1].isAfter(a)) continue;
			Duration room = Duration.between(a, window[1]);
			if (room.compareTo(rest) >= 0) {
				Instant at = a.plus(rest);
				// a clock of whole days ends at the end of its last day, as a fresh one does
				return unit == ClockUnit.BUSINESS_DAYS && at.equals(window[1]) ? calendar.endOfDay(day) : at;
			}
			rest = rest.minus(room);
		}
		throw new IllegalStateException("no business time within " + MAX_DAYS + " days");
	}

	/** Where {@code back} business hours end before {@code to}: the warning of a business-hours clock. */
	private Instant retreat(Instant to, Duration back) {
		Duration rest = back;
		LocalDate day = to.atZone(calendar.zone()).toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.minusDays(1)) {
			Instant[] window = window(ClockUnit.BUSINESS_HOURS, day);
			if (window == null) continue;
			Instant b = window[1].isBefore(to) ? window[1] : to;
			if (!b.isAfter(window[0])) continue;
			Duration room = Duration.between(window[0], b);
			if (room.compareTo(rest) >= 0) return b.minus(rest);
			rest = rest.minus(room);
		}
		throw new IllegalStateException("no business time within " + MAX_DAYS + " days");
	}

	/** The counted window of a day ({@code null} when none counts), from its start to its end, in the zone. */
	private Instant @Nullable [] window(ClockUnit unit, LocalDate day) {
		if (!calendar.isBusinessDay(day)) return null;
		if (unit == ClockUnit.BUSINESS_DAYS) {
			return new Instant[] { day.atStartOfDay(calendar.zone()).toInstant(),
					day.plusDays(1).atStartOfDay(calendar.zone()).toInstant() };
		}
		return new Instant[] { ZonedDateTime.of(day, hours.opens(), calendar.zone()).toInstant(),
				ZonedDateTime.of(day, hours.closes(), calendar.zone()).toInstant() };
	}
}
