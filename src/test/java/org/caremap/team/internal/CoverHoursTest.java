package org.caremap.team.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.caremap.organization.BusinessCalendar;
import org.junit.jupiter.api.Test;

/** After hours: weekends, holidays, and outside the business day, in the organisation's zone (across a DST change). */
class CoverHoursTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	private static final BusinessCalendar CALENDAR = new BusinessCalendar(NEW_YORK, Set.of(LocalDate.of(2026, 12, 25)));
	private static final LocalTime STARTS = LocalTime.of(8, 0);
	private static final LocalTime ENDS = LocalTime.of(18, 0);

	private static boolean afterHours(String local) {
		return CoverHours.afterHours(CALENDAR, STARTS, ENDS, ZonedDateTime.of(java.time.LocalDateTime.parse(local), NEW_YORK).toInstant());
	}

	@Test
	void aWeekdayIsBusinessHoursFromItsStartUntilItsEnd() {
		assertThat(afterHours("2026-12-08T07:59")).isTrue();
		assertThat(afterHours("2026-12-08T08:00")).isFalse();
		assertThat(afterHours("2026-12-08T17:59")).isFalse();
		assertThat(afterHours("2026-12-08T18:00")).isTrue();
		assertThat(afterHours("2026-12-08T23:30")).isTrue();
	}

	@Test
	void weekendsAndHolidaysAreAfterHoursAllDay() {
		assertThat(afterHours("2026-12-05T11:00")).as("Saturday").isTrue();
		assertThat(afterHours("2026-12-06T11:00")).as("Sunday").isTrue();
		assertThat(afterHours("2026-12-25T11:00")).as("Christmas").isTrue();
	}

	@Test
	void theHoursAreTheOrganisationsLocalTimeAcrossADaylightSavingChange() {
		// Monday 9 March 2026 (the day after clocks went forward): 08:30 local is 12:30 UTC, not 13:30
		assertThat(CoverHours.afterHours(CALENDAR, STARTS, ENDS, java.time.Instant.parse("2026-03-09T12:30:00Z"))).isFalse();
		assertThat(CoverHours.afterHours(CALENDAR, STARTS, ENDS, java.time.Instant.parse("2026-03-09T11:30:00Z"))).isTrue();
		// Friday 6 March 2026 (before the change): 08:30 local is 13:30 UTC
		assertThat(CoverHours.afterHours(CALENDAR, STARTS, ENDS, java.time.Instant.parse("2026-03-06T12:30:00Z"))).isTrue();
	}
}
