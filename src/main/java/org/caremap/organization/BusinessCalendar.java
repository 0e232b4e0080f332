package org.caremap.organization;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Business days of one organisation: Monday to Friday in its time zone, less its holidays, and its business hours on
 * those days ({@code caremap.organization.opens} to {@code .closes}, 09:00 to 17:00 unless set; the calendar the
 * organization module gives carries the configured hours). Pure arithmetic over a set of holidays, so that it is
 * tested without a database.
 * <p>
 * A clock "within N business days" of an event ends at the end of the Nth business day after the day of the
 * event, in the organisation's zone: a discharge on Friday afternoon with N = 2 is due by the end of Tuesday
 * (Monday is the first business day after it, Tuesday the second).
 */
public final class BusinessCalendar {

	/** Business hours when none are configured. */
	public static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
	public static final LocalTime DEFAULT_CLOSES = LocalTime.of(17, 0);

	private final ZoneId zone;
	private final Set<LocalDate> holidays;
	private final LocalTime opens;
	private final LocalTime closes;

	public BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {
		this(zone, holidays, DEFAULT_OPENS, DEFAULT_CLOSES);
	}

	public BusinessCalendar(ZoneId zone, Set<LocalDate> holidays, LocalTime opens, LocalTime closes) {
		if (!closes.isAfter(opens)) throw new IllegalArgumentException("the business day must end after it starts");
		this.zone = zone;
		this.holidays = Set.copyOf(holidays);
		this.opens = opens;
		this.closes = closes;
	}

	public ZoneId zone() {
		return zone;
	}

	/** When the business day starts on a business day (in the zone). */
	public LocalTime opens() {
		return opens;
	}

	/** When the business day ends on a business day (in the zone). */
	public LocalTime closes() {
		return closes;
	}

	public boolean isBusinessDay(LocalDate day) {
		DayOfWeek weekday = day.getDayOfWeek();
		return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day);
	}

	/** The Nth business day after {@code day} (N = 0 gives the day itself when it is a business day, else the next). */
	public LocalDate businessDaysAfter(LocalDate day, int n) {
		if (n < 0) throw new IllegalArgumentException("business days must not be negative: " + n);
		LocalDate current = day;
		if (n == 0) {
			while (!isBusinessDay(current)) current = current.plusDays(1);
			return current;
		}
		int counted = 0;
		while (counted < n) {
			current = current.plusDays(1);
			if (isBusinessDay(current)) counted++;
		}
		return current;
	}

	/** The end (last instant) of the Nth business day after the event, in the organisation's zone. */
	public Instant endOfBusinessDaysAfter(Instant event, int n) {
		LocalDate due = businessDaysAfter(event.atZone(zone).toLocalDate(), n);
		return endOfDay(due);
	}

	/** The end of a calendar day in the organisation's zone (23:59:59.999999, whatever DST does that day). */
	public Instant endOfDay(LocalDate day) {
		return ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant().minusNanos(1000);
	}

	/** Calendar days from the event's day (in the zone) to its end: "a visit within 14 days". */
	public Instant endOfCalendarDaysAfter(Instant event, int days) {
		return endOfDay(event.atZone(zone).toLocalDate().plusDays(days));
	}

	/** Business days from one day to a later one, not counting the first: Friday to Tuesday is 2. */
	public int businessDaysBetween(LocalDate from, LocalDate to) {
		int count = 0;
		for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
			if (isBusinessDay(d)) count++;
		}
		return count;
	}
}
