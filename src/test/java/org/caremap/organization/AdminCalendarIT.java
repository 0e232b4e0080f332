package org.caremap.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.caremap.demo.DemoLogins;
import org.caremap.support.Browserless;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Holidays are configuration: the administrator adds one and every business-day clock skips it. */
class AdminCalendarIT extends IntegrationTest {

	@Autowired Organizations organizations;
	@Autowired DemoLogins demo;

	@Test
	void aHolidayAddedByTheAdministratorIsSkippedByTheClocks() {
		LocalDate day = LocalDate.of(2027, 3, 17); // a Wednesday
		var org = organizations.primary().orElseThrow();
		assertThat(organizations.calendar(org.id()).isBusinessDay(day)).isTrue();

		Browserless admin = client();
		admin.login("admin", demo.password("admin").orElseThrow());
		admin.get("/admin/calendar");
		assertThat(admin.post("/admin/calendar/holidays", Map.of("day", day.toString(), "name", "Staff training day"))
			.statusCode()).isEqualTo(302);
		assertThat(admin.get("/admin/calendar").body()).contains("Staff training day");
		BusinessCalendar calendar = organizations.calendar(org.id());
		assertThat(calendar.isBusinessDay(day)).isFalse();
		assertThat(calendar.businessDaysAfter(day.minusDays(1), 1)).isEqualTo(day.plusDays(1));

		Browserless caseManager = client();
		caseManager.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(caseManager.get("/admin/calendar").statusCode()).isEqualTo(403);
	}
}
