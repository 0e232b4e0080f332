package org.caremap.demo.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.team.ConferenceGuest;
import org.caremap.team.ConferenceView;
import org.caremap.team.Conferences;
import org.caremap.team.MeetingSetup;
import org.caremap.team.Meetings;
import org.caremap.team.NewConference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Demo case conferences, after the demo organisation is made: last week's complex care case review (two of Dana
 * Whitfield's highest-acuity cases, notes, a decision that became her task, signed), and the community care team's
 * weekly huddle on Thursdays at 10:00 with its next meeting opened (its agenda built from the flagged cases). Made once:
 * only while the organisation has no conference yet.
 */
@Component
@Order(101)
class DemoConferences implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoConferences.class);

	private final DemoOrganization demo;
	private final UserDetailsService users;
	private final UserAccounts accounts;
	private final Organizations organizations;
	private final Cases cases;
	private final Conferences conferences;
	private final Meetings meetings;

	DemoConferences(DemoOrganization demo, UserDetailsService users, UserAccounts accounts, Organizations organizations, Cases cases,
			Conferences conferences, Meetings meetings) {
		this.demo = demo;
		this.users = users;
		this.accounts = accounts;
		this.organizations = organizations;
		this.cases = cases;
		this.conferences = conferences;
		this.meetings = meetings;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled() || accounts.findByUsername("supervisor").isEmpty() || organizations.primary().isEmpty()) return;
		try {
			DemoUsers.as(users, "supervisor", () -> {
				if (conferences.list(0, 1).total() == 0) create();
				return null;
			});
		}
		catch (RuntimeException ex) {
			log.warn("Demo case conferences not made: {}", ex.getMessage());
		}
	}

	private void create() {
		var org = organizations.primary().orElseThrow();
		ZoneId zone = org.zone();
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		var marcus = accounts.findByUsername("casemanager2").orElseThrow().id();
		List<CaseloadRow> rows = cases.caseload(dana).stream()
			.sorted(java.util.Comparator.comparingInt((CaseloadRow r) -> -r.acuity().weight())).limit(2).toList();
		if (rows.size() == 2) {
			LocalDate lastWeek = LocalDate.now(zone).minusWeeks(1);
			UUID id = conferences.plan(new NewConference("Complex care case review", lastWeek.atTime(14, 0).atZone(zone).toInstant(),
					List.of(dana, marcus), List.of(new ConferenceGuest("Dr. Anita Shah", "Primary care physician"),
							new ConferenceGuest("Maria Lopez", "Community health worker")),
					rows.stream().map(CaseloadRow::id).toList()));
			ConferenceView view = conferences.find(id).orElseThrow();
			var first = view.items().get(0);
			conferences.saveNotes(id, first.id(), "Two ED visits this month; lives alone and misses doses. Dr. Shah will simplify the "
					+ "regimen; the community health worker can visit weekly.");
			conferences.recordDecision(id, first.id(), "Home visit with a pill organiser and a medication review", dana,
					LocalDate.now(zone).plusDays(5));
			conferences.recordDecision(id, first.id(), "Ask Dr. Shah's office for a once-daily regimen", null, null);
			if (view.items().size() > 1) {
				var second = view.items().get(1);
				conferences.saveNotes(id, second.id(), "Goals on track. Keep the monthly calls; review again next quarter.");
			}
			conferences.sign(id);
		}
		var team = organizations.teams(org.id()).stream().findFirst();
		if (team.isPresent()) {
			UUID meeting = meetings.create(new MeetingSetup("Weekly care team huddle", team.get().id(), null, DayOfWeek.THURSDAY,
					LocalTime.of(10, 0), 60));
			meetings.openNext(meeting);
		}
		log.info("Demo case conferences: one signed review, one weekly huddle with its next agenda ({})",
				rows.stream().map(r -> r.acuity() == Acuity.COMPLEX ? "complex" : r.acuity().name().toLowerCase()).toList());
	}
}
