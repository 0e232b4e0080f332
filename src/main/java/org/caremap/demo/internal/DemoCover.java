package org.caremap.demo.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.team.CoverPeriods;
import org.caremap.team.OnCallRota;
import org.springframework.stereotype.Component;

/**
 * Demo cover and on-call: Marcus Bell's week of annual leave covered by Dana Whitfield, and an on-call rota for the
 * demo programs over the same week (Dana on weeknights, Priya Raman over the weekend). Both start the Monday after
 * next, so that nobody's work changes hands while the demo is first explored (or while the tests, which run over the
 * demo organisation, expect work to reach its owner); the pages show them as coming.
 */
@Component
class DemoCover {

	private final CoverPeriods periods;
	private final OnCallRota rota;
	private final UserAccounts accounts;
	private final Programs programs;
	private final Organizations organizations;

	DemoCover(CoverPeriods periods, OnCallRota rota, UserAccounts accounts, Programs programs, Organizations organizations) {
		this.periods = periods;
		this.rota = rota;
		this.accounts = accounts;
		this.programs = programs;
		this.organizations = organizations;
	}

	/** Runs as Caremap's demo set-up (a system actor). */
	void create() {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		UserView dana = accounts.findByUsername("casemanager").orElseThrow();
		UserView marcus = accounts.findByUsername("casemanager2").orElseThrow();
		UserView priya = accounts.findByUsername("supervisor").orElseThrow();
		LocalDate monday = LocalDate.now(zone).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		periods.name(marcus.id(), dana.id(), monday.atTime(8, 0).atZone(zone).toInstant(),
				monday.plusDays(4).atTime(18, 0).atZone(zone).toInstant(), "Annual leave");
		for (ProgramView program : programs.active()) {
			for (int night = 0; night < 4; night++) {
				LocalDate day = monday.plusDays(night);
				rota.add(program.id(), dana.id(), day.atTime(18, 0).atZone(zone).toInstant(),
						day.plusDays(1).atTime(8, 0).atZone(zone).toInstant(), "(614) 555-0190");
			}
			LocalDate friday = monday.plusDays(4);
			rota.add(program.id(), priya.id(), friday.atTime(18, 0).atZone(zone).toInstant(),
					friday.plusDays(3).atTime(8, 0).atZone(zone).toInstant(), null);
		}
	}
}
