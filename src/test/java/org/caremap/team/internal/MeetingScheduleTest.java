package org.caremap.team.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/**
 * A weekly meeting's next occurrence: its weekday and wall-clock time in the organisation's zone, the one under way
 * while it lasts, the next week's once it ended, and the same wall-clock time across a change of daylight saving time.
 */
class MeetingScheduleTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static ZonedDateTime at(int month, int day, int hour, int minute) {
		return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, NEW_YORK);
	}

	private static ZonedDateTime next(ZonedDateTime now) {
		return JdbcMeetings.next(DayOfWeek.THURSDAY, LocalTime.of(10, 0), 60, now);
	}

	@Test
	void theNextThursdayAtTenInTheOrganisationsZone() {
		assertThat(next(at(10, 28, 12, 0))).isEqualTo(at(10, 29, 10, 0));
		assertThat(next(at(10, 29, 9, 59))).isEqualTo(at(10, 29, 10, 0));
	}

	@Test
	void theMeetingUnderWayUntilItEndsThenNextWeeks() {
		assertThat(next(at(10, 29, 10, 30))).isEqualTo(at(10, 29, 10, 0));
		assertThat(next(at(10, 29, 11, 0))).isEqualTo(at(11, 5, 10, 0));
	}

	@Test
	void keepsTheWallClockTimeAcrossTheEndOfDaylightSavingTime() {
		ZonedDateTime before = next(at(10, 29, 9, 0));
		ZonedDateTime after = next(at(10, 31, 9, 0)); // clocks go back on Sun 1 Nov 2026
		assertThat(before.getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
		assertThat(after).isEqualTo(at(11, 5, 10, 0));
		assertThat(after.getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
		assertThat(after.toInstant().toString()).isEqualTo("2026-11-05T15:00:00Z");
	}
}
