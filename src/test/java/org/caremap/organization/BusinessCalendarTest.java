package org.caremap.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Business-day clocks (TCM "interactive contact within 2 business days", domain reference section 1): Monday to
 * Friday less holidays, counted in the organisation's zone, ending at the end of the Nth business day.
 */
class BusinessCalendarTest {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	static final LocalDate THANKSGIVING = LocalDate.of(2026, 11, 26);
	static final LocalDate CHRISTMAS = LocalDate.of(2026, 12, 25);

	final BusinessCalendar calendar = new BusinessCalendar(NEW_YORK, Set.of(THANKSGIVING, CHRISTMAS));

	private static Instant at(String localDateTime) {
		return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
	}

	private ZonedDateTime due(String event, int days) {
		return calendar.endOfBusinessDaysAfter(at(event), days).atZone(NEW_YORK);
	}

	@Test
	void fridayAfternoonDischargeIsDueByTheEndOfTuesday() {
		ZonedDateTime due = due("2026-11-13T15:30", 2);
		assertThat(due.toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 17));
		assertThat(due.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);
		assertThat(due.toLocalTime()).isAfter(java.time.LocalTime.of(23, 59, 59));
	}

	@Test
	void weekendEventsCountFromMonday() {
		assertThat(due("2026-11-14T10:00", 2).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 17));
		assertThat(due("2026-11-15T23:00", 1).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 16));
	}

	@Test
	void holidaysAreSkipped() {
		// Wednesday before Thanksgiving: Thursday is a holiday, Friday is day 1, Monday day 2
		assertThat(due("2026-11-25T09:00", 2).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 30));
		// Christmas Eve (Thursday): Friday the 25th is a holiday
		assertThat(due("2026-12-24T16:00", 1).toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 28));
	}

	@Test
	void theDayIsTheOrganisationsNotTheServers() {
		// 02:00 UTC on Saturday is still Friday evening in New York
		Instant fridayEveningInNewYork = Instant.parse("2026-11-14T02:00:00Z");
		assertThat(calendar.endOfBusinessDaysAfter(fridayEveningInNewYork, 2).atZone(NEW_YORK).toLocalDate())
			.isEqualTo(LocalDate.of(2026, 11, 17));
		BusinessCalendar utc = new BusinessCalendar(ZoneId.of("UTC"), Set.of());
		assertThat(utc.endOfBusinessDaysAfter(fridayEveningInNewYork, 2).atZone(ZoneId.of("UTC")).toLocalDate())
			.isEqualTo(LocalDate.of(2026, 11, 17));
		// a Tokyo organisation sees Saturday already
		BusinessCalendar tokyo = new BusinessCalendar(ZoneId.of("Asia/Tokyo"), Set.of());
		assertThat(tokyo.endOfBusinessDaysAfter(Instant.parse("2026-11-13T16:00:00Z"), 1).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 16));
	}

	@Test
	void endOfDayHoldsAcrossDaylightSavingChanges() {
		// 1 Nov 2026 is 25 hours long in New York
		Instant end = calendar.endOfDay(LocalDate.of(2026, 11, 1));
		assertThat(end.atZone(NEW_YORK).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 1));
		assertThat(end.plusNanos(1000).atZone(NEW_YORK).toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 2));
	}

	@Test
	void calendarDayClocksCountEveryDay() {
		// a face-to-face visit within 14 days of a Friday discharge
		assertThat(calendar.endOfCalendarDaysAfter(at("2026-11-13T15:30"), 14).atZone(NEW_YORK).toLocalDate())
			.isEqualTo(LocalDate.of(2026, 11, 27));
	}

	@Test
	void countsBusinessDaysBetweenDays() {
		assertThat(calendar.businessDaysBetween(LocalDate.of(2026, 11, 13), LocalDate.of(2026, 11, 17))).isEqualTo(2);
		assertThat(calendar.businessDaysBetween(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 30))).isEqualTo(2);
		assertThat(calendar.isBusinessDay(THANKSGIVING)).isFalse();
		assertThat(calendar.businessDaysAfter(LocalDate.of(2026, 11, 14), 0)).isEqualTo(LocalDate.of(2026, 11, 16));
	}
}
