package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.caremap.organization.BusinessCalendar;
import org.caremap.task.ClockUnit;
import org.junit.jupiter.api.Test;

/**
 * The clock arithmetic on a calendar in New York with a holiday on Monday 15 March 2027, the day after the clocks go
 * forward (Sunday 14 March 2027, 02:00 EST to 03:00 EDT), and on the day they go back (Sunday 7 November 2027).
 */
class ClockMathTest {

	static final ZoneId NY = ZoneId.of("America/New_York");
	static final LocalDate HOLIDAY = LocalDate.of(2027, 3, 15);
	final ClockMath math = new ClockMath(new BusinessCalendar(NY, Set.of(HOLIDAY)),
			new ClockMath.BusinessHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));

	static Instant ny(int month, int day, int hour, int minute) {
		return ZonedDateTime.of(2027, month, day, hour, minute, 0, 0, NY).toInstant();
	}

	static Instant endOf(int month, int day) {
		return ZonedDateTime.of(2027, month, day, 0, 0, 0, 0, NY).plusDays(1).toInstant().minusNanos(1000);
	}

	@Test
	void businessDaysSkipTheWeekendTheHolidayAndEndAtTheEndOfTheLastDayAcrossTheDstChange() {
		// Friday afternoon + 2 business days: Monday is a holiday, so Tuesday then Wednesday; the day ends in EDT
		Instant due = math.deadline(ClockUnit.BUSINESS_DAYS, ny(3, 12, 15, 0), 2);
		assertThat(due).isEqualTo(endOf(3, 17));
		assertThat(due).isEqualTo(Instant.parse("2027-03-18T03:59:59.999999Z"));
	}

	@Test
	void businessHoursCountOpeningHoursOnlyAcrossTheHolidayAndTheDstChange() {
		// Friday 15:00 EST + 4 business hours: 2 on Friday, none over the weekend (DST) or the holiday, 2 on Tuesday (EDT)
		Instant due = math.deadline(ClockUnit.BUSINESS_HOURS, ny(3, 12, 15, 0), 4);
		assertThat(due).isEqualTo(ny(3, 16, 11, 0)).isEqualTo(Instant.parse("2027-03-16T15:00:00Z"));
		// started before opening: the count begins at 09:00; started after closing: the next business morning
		assertThat(math.deadline(ClockUnit.BUSINESS_HOURS, ny(3, 11, 6, 30), 3)).isEqualTo(ny(3, 11, 12, 0));
		assertThat(math.deadline(ClockUnit.BUSINESS_HOURS, ny(3, 12, 20, 0), 8)).isEqualTo(ny(3, 16, 17, 0));
		assertThat(math.counted(ClockUnit.BUSINESS_HOURS, ny(3, 12, 15, 0), ny(3, 16, 11, 0))).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void calendarHoursAreElapsedHoursAcrossTheDstChanges() {
		// spring forward: 24 elapsed hours from Saturday noon EST end at 13:00 EDT on Sunday
		assertThat(math.deadline(ClockUnit.CALENDAR_HOURS, ny(3, 13, 12, 0), 24)).isEqualTo(ny(3, 14, 13, 0));
		// fall back: 24 elapsed hours from Saturday noon EDT end at 11:00 EST on Sunday
		assertThat(math.deadline(ClockUnit.CALENDAR_HOURS, ny(11, 6, 12, 0), 24)).isEqualTo(ny(11, 7, 11, 0));
		// calendar days end at the end of the day whatever the day's length
		assertThat(math.deadline(ClockUnit.CALENDAR_DAYS, ny(11, 6, 12, 0), 1)).isEqualTo(endOf(11, 7));
	}

	@Test
	void aPausedBusinessHoursClockKeepsItsTimeLeftAndResumesOverTheHoliday() {
		// 8 business hours from Thursday 11 March 09:00: due Thursday 17:00; paused at 14:00 with 3 hours left
		Instant due = math.deadline(ClockUnit.BUSINESS_HOURS, ny(3, 11, 9, 0), 8);
		assertThat(due).isEqualTo(ny(3, 11, 17, 0));
		Duration left = math.counted(ClockUnit.BUSINESS_HOURS, ny(3, 11, 14, 0), due);
		assertThat(left).isEqualTo(Duration.ofHours(3));
		// resumed on Friday at 16:00: one hour on Friday, none at the weekend or on Monday's holiday, two on Tuesday
		assertThat(math.advance(ClockUnit.BUSINESS_HOURS, ny(3, 12, 16, 0), left)).isEqualTo(ny(3, 16, 11, 0));
	}

	@Test
	void aPausedBusinessDaysClockKeepsItsBusinessDaysLeft() {
		// 2 business days from Wednesday 10 March: due at the end of Friday 12 March; paused on Thursday at the start of the day
		Instant due = math.deadline(ClockUnit.BUSINESS_DAYS, ny(3, 10, 10, 0), 2);
		assertThat(due).isEqualTo(endOf(3, 12));
		Duration left = math.counted(ClockUnit.BUSINESS_DAYS, ny(3, 11, 0, 0), due);
		assertThat(left.toHours()).isEqualTo(47); // Thursday and Friday, to the last microsecond
		// resumed on Saturday 13 March: the weekend and the holiday do not count: Tuesday and Wednesday, to the end of Wednesday
		Instant resumed = math.advance(ClockUnit.BUSINESS_DAYS, ny(3, 13, 10, 0), left.plusNanos(1000));
		assertThat(resumed).isEqualTo(endOf(3, 17));
	}

	@Test
	void aPausedCalendarClockMovesByTheTimeItWasPaused() {
		Instant due = math.deadline(ClockUnit.CALENDAR_DAYS, ny(3, 10, 10, 0), 7);
		Duration left = math.counted(ClockUnit.CALENDAR_DAYS, ny(3, 12, 10, 0), due);
		Instant resumed = math.advance(ClockUnit.CALENDAR_DAYS, ny(3, 15, 10, 0), left);
		assertThat(Duration.between(due, resumed)).isEqualTo(Duration.ofDays(3).minusHours(1)); // 3 days, one hour lost to DST
	}

	@Test
	void warningsComeTheGivenUnitsBeforeTheBreach() {
		assertThat(math.warning(ClockUnit.BUSINESS_DAYS, endOf(3, 17), 1)).isEqualTo(endOf(3, 16));
		assertThat(math.warning(ClockUnit.BUSINESS_DAYS, endOf(3, 16), 1)).isEqualTo(endOf(3, 12));
		assertThat(math.warning(ClockUnit.BUSINESS_HOURS, ny(3, 16, 11, 0), 3)).isEqualTo(ny(3, 12, 16, 0));
		assertThat(math.warning(ClockUnit.CALENDAR_HOURS, ny(3, 14, 13, 0), 24)).isEqualTo(ny(3, 13, 12, 0));
		assertThat(math.warning(ClockUnit.CALENDAR_DAYS, endOf(3, 17), 2)).isEqualTo(endOf(3, 15));
	}
}
