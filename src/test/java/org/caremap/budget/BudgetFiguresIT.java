package org.caremap.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.caseload.Acuity;
import org.caremap.community.CommunityReferrals;
import org.caremap.community.DirectoryEditor;
import org.caremap.community.Need;
import org.caremap.community.NewCommunityReferral;
import org.caremap.community.ReferralOutcome;
import org.caremap.community.ReferralStatus;
import org.caremap.community.ServiceEntry;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The supervisor's figures of a program's year, to the cent: an authorization's approved units committed at the rate
 * of the approved period's first day, its uses spent at the rate of their day (the payer's own rate, changed in July,
 * winning over the contract rate), a use taken back and a denied request released, against the budget by line.
 */
class BudgetFiguresIT extends IntegrationTest {

	@Autowired Budgets budgets;
	@Autowired Authorizations authorizations;
	@Autowired Appointments appointments;
	@Autowired CommunityReferrals referrals;
	@Autowired DirectoryEditor directory;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void theYearAgainstTheBudgetAddsUpToTheCent() {
		Actors actors = new Actors(users);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String payer = "Figures Health " + suffix;
		int year = Today.date().getYear();
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Budget figures " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		PatientId patient = Actors.newPatient(patients, org.id(), "Ledger" + suffix);
		SystemActor.run("test", List.of("SYSTEM"), () -> patients.addCoverage(patient,
				new Coverage(null, payer, "Test plan", "F-" + suffix, null, LocalDate.of(year - 1, 1, 1), null, 1)));
		UUID coverage = SystemActor.call("test", List.of("SYSTEM"), () -> patients.details(patient).orElseThrow().coverage().get(0).id());
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Ledger", true, true, true, true), Acuity.HIGH, "budget figures")));

		// the payer's own rate for G0299: $80.00 to the end of June, $95.00 from July; the contract's $50.00 is not this payer's
		actors.run("admin", () -> {
			budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, payer, "G0299", "RN visit", LocalDate.of(year, 1, 1),
					LocalDate.of(year, 6, 30), 8000));
			budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, payer, "g0299", "RN visit", LocalDate.of(year, 7, 1), null, 9500));
			budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, "Contract " + suffix, "G0299", null, LocalDate.of(year, 1, 1), null, 5000));
			budgets.save(new BudgetEntry(program.id(), year, Map.of(BudgetLine.PURCHASED_SERVICES, 500_000L, BudgetLine.TRANSPORT, 20_000L,
					BudgetLine.STAFF_TIME, 1_000_000L), "Figures test", null));
		});

		// 12 visits approved for the whole year: 12 x $80.00 committed in January
		UUID request = actors.as("casemanager", () -> {
			UUID id = authorizations.draft(new NewAuthorization(patient, coverage, "Home health nursing", List.of("I50.9"), "Dr. Maria Alvarez",
					null, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Urgency.STANDARD, null,
					List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", 12, UnitKind.VISIT)), null));
			authorizations.submit(id, Instant.now().minus(Duration.ofHours(2)));
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, new Decision("F-" + suffix, Instant.now().minus(Duration.ofMinutes(30)), null, List.of(
					new Decision.LineAnswer(a.lines().get(0).id(), 12, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), null))));
			return id;
		});
		UUID line = actors.as("casemanager", () -> authorizations.find(request).orElseThrow().lines().get(0).id());
		BudgetOverview committed = waitFor("the commitment", program, year, o -> o.committedCents() == 96_000);
		assertThat(committed.months().get(0).committedCents()).isEqualTo(96_000);
		assertThat(committed.spendCents()).isZero();

		// 2 visits in March at $80.00, 3 in August at $95.00: 9 visits stay committed at January's rate
		UUID august = actors.as("casemanager", () -> {
			authorizations.useUnits(line, LocalDate.of(year, 3, 3), 2, null, "March visits");
			return authorizations.useUnits(line, LocalDate.of(year, 8, 4), 3, null, "August visits");
		});
		BudgetOverview used = waitFor("the spend", program, year, o -> o.spendCents() == 16_000 + 28_500 && o.committedCents() == 56_000);
		assertThat(used.months().get(2).spendCents()).isEqualTo(16_000);
		assertThat(used.months().get(7).spendCents()).isEqualTo(28_500);
		assertThat(used.months().get(7).spendToDateCents()).isEqualTo(44_500);
		assertThat(used.months().get(0).committedCents()).isEqualTo(56_000);
		assertThat(used.months().get(11).committedToDateCents()).isEqualTo(56_000);
		assertThat(used.budgetCents()).isEqualTo(1_520_000);
		assertThat(used.remainingCents()).isEqualTo(1_520_000 - 44_500 - 56_000);
		BudgetOverview.Line purchased = used.lines().stream().filter(l -> l.line() == BudgetLine.PURCHASED_SERVICES).findFirst().orElseThrow();
		assertThat(purchased.budgetCents()).isEqualTo(500_000);
		assertThat(purchased.spendCents()).isEqualTo(44_500);
		assertThat(purchased.committedCents()).isEqualTo(56_000);
		assertThat(purchased.remainingCents()).isEqualTo(399_500);
		assertThat(used.lines().stream().filter(l -> l.line() == BudgetLine.FLEXIBLE_FUNDS).findFirst().orElseThrow().budgetCents()).isZero();

		// the August use taken back: its spend is released and its 3 visits are committed again
		actors.run("casemanager", () -> authorizations.voidUse(august, "Entered on the wrong patient"));
		BudgetOverview back = waitFor("the use taken back", program, year, o -> o.spendCents() == 16_000 && o.committedCents() == 80_000);
		assertThat(back.months().get(7).spendCents()).isZero();

		// a second request denied: nothing committed, nothing spent
		actors.run("casemanager", () -> {
			UUID id = authorizations.draft(new NewAuthorization(patient, coverage, "Hospital bed", List.of("I50.9"), "Dr. Maria Alvarez",
					null, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Urgency.STANDARD, null,
					List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "E0260", "Hospital bed", 1, UnitKind.UNIT)), null));
			authorizations.submit(id, Instant.now().minus(Duration.ofHours(2)));
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, new Decision(null, Instant.now().minus(Duration.ofMinutes(20)), "Not medically necessary", List.of(
					new Decision.LineAnswer(a.lines().get(0).id(), 0, null, null, "Not medically necessary"))));
		});

		// the bookings behind March: the two visits at $80.00; the administrator, who may not read the record, sees no name
		List<BookingRow> march = actors.as("admin", () -> budgets.bookings(program.id(), year, 3));
		assertThat(march).singleElement().satisfies(b -> {
			assertThat(b.kind()).isEqualTo(BookingRow.Kind.SPEND);
			assertThat(b.units()).isEqualByComparingTo("2");
			assertThat(b.rateCents()).isEqualTo(8000L);
			assertThat(b.amountCents()).isEqualTo(16_000L);
			assertThat(b.payer()).isEqualTo(payer);
			assertThat(b.patientName()).isNull();
			assertThat(b.patient()).isNull();
		});
		// a supervisor works with the budgets of the programs she supervises only: this one is not hers yet
		assertThat(actors.as("supervisor", () -> budgets.programs())).extracting(ProgramView::id).doesNotContain(program.id());
		assertThatThrownBy(() -> actors.as("supervisor", () -> budgets.bookings(program.id(), year, 3)))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.as("supervisor", () -> budgets.overview(program.id(), year)))
			.isInstanceOf(AccessDeniedException.class);
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(),
				Set.of(accounts.findByUsername("supervisor").orElseThrow().id())));
		assertThat(actors.as("supervisor", () -> budgets.programs())).extracting(ProgramView::id).contains(program.id());
		assertThat(actors.as("supervisor", () -> budgets.bookings(program.id(), year, 3))).singleElement()
			.satisfies(b -> assertThat(b.patientName()).contains("Ledger" + suffix));
		List<BookingRow> august2 = actors.as("supervisor", () -> budgets.bookings(program.id(), year, 8));
		assertThat(august2).singleElement().satisfies(b -> {
			assertThat(b.released()).isTrue();
			assertThat(b.releasedReason()).isEqualTo("budget.released.takenBack");
		});

		// a new contract rate for the code changes nothing for this payer; the figures stay to the cent
		actors.run("supervisor", () -> budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "G0299", null,
				LocalDate.of(year, 1, 1), null, 7000)));
		BudgetOverview end = actors.as("supervisor", () -> budgets.overview(program.id(), year));
		assertThat(end.spendCents()).isEqualTo(16_000);
		assertThat(end.committedCents()).isEqualTo(80_000);
		assertThat(end.unpriced()).isZero();

		// only supervisors and administrators see budgets
		assertThatThrownBy(() -> actors.as("casemanager", () -> budgets.overview(program.id(), year)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void aRideIsCommittedWhenBookedSpentWhenThePatientCameAndReleasedWhenCancelled() {
		Actors actors = new Actors(users);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Budget rides " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		PatientId patient = Actors.newPatient(patients, org.id(), "Rider" + suffix);
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Rider", true, true, true, true), Acuity.LOW, "budget rides")));
		LocalDate day = Today.date().minusDays(1);
		java.util.function.Function<Integer, NewAppointment> visit = hour -> new NewAppointment(patient,
				AppointmentKind.PROVIDER_VISIT, "Dr. James Okafor", null, null, null,
				day.atTime(hour, 0).atZone(Today.ZONE).toInstant(), day.atTime(hour, 30).atZone(Today.ZONE).toInstant(), null,
				hour != 16, hour != 16, null, false, null, true);
		// the demo's contract rate for a ride: $45.00; two visits with a ride arranged, one without
		List<UUID> booked = actors.as("casemanager", () -> List.of(appointments.record(visit.apply(10)),
				appointments.record(visit.apply(14)), appointments.record(visit.apply(16))));
		BudgetOverview committed = waitFor("the rides committed", program, day.getYear(), o -> o.committedCents() == 9_000);
		assertThat(committed.spendCents()).isZero();
		assertThat(committed.lines().stream().filter(l -> l.line() == BudgetLine.TRANSPORT).findFirst().orElseThrow().committedCents())
			.isEqualTo(9_000);

		actors.run("casemanager", () -> {
			appointments.apply(booked.get(0), AppointmentStatus.Action.ARRIVE, null);
			appointments.apply(booked.get(1), AppointmentStatus.Action.CANCEL, "Patient unwell");
			appointments.apply(booked.get(2), AppointmentStatus.Action.ARRIVE, null);
		});
		BudgetOverview after = waitFor("the ride taken and the other released", program, day.getYear(),
				o -> o.spendCents() == 4_500 && o.committedCents() == 0);
		assertThat(after.months().get(day.getMonthValue() - 1).spendCents()).isEqualTo(4_500);
		List<BookingRow> rows = actors.as("admin", () -> budgets.bookings(program.id(), day.getYear(), day.getMonthValue()));
		assertThat(rows).extracting(BookingRow::kind, BookingRow::released, BookingRow::amountCents)
			.containsExactlyInAnyOrder(tuple(BookingRow.Kind.SPEND, false, 4_500L),
					tuple(BookingRow.Kind.COMMITMENT, false, 0L),
					tuple(BookingRow.Kind.COMMITMENT, true, 4_500L));
		assertThat(rows).filteredOn(BookingRow::released).singleElement()
			.satisfies(b -> assertThat(b.releasedReason()).isEqualTo("budget.released.cancelled"));
	}

	@Test
	void aCommunityServiceWithAFeeIsCommittedWhenReferredAndSpentWhenDelivered() {
		Actors actors = new Actors(users);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView organization = organizations.primary().orElseThrow();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(organization.id(), new ProgramDefinition(
				"Budget community " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		PatientId patient = Actors.newPatient(patients, organization.id(), "Fee" + suffix);
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Fee", true, true, true, true), Acuity.LOW, "budget community")));
		java.util.function.BiFunction<String, Boolean, UUID> service = (name, free) -> SystemActor.call("test", List.of("ADMIN"),
				() -> directory.add(new ServiceEntry("Fee test " + suffix, "(614) 555-0100", null, null, name + " " + suffix, null, null,
						null, null, free ? null : "$25 per ride", free, null, null, null, null, Set.of(), Set.of(Need.TRANSPORTATION),
						List.of("en"), "400 Main St", "Columbus", "OH", "43215", null, null, null, List.of())));
		UUID paid = service.apply("Rides", false);
		UUID free = service.apply("Free rides", true);
		actors.run("admin", () -> budgets.addRate(new NewRate(BookingSource.COMMUNITY, null, paid.toString(), "Rides",
				LocalDate.of(Today.date().getYear() - 1, 1, 1), null, 2_500)));
		java.util.function.Function<UUID, NewCommunityReferral> referral = s -> new NewCommunityReferral(patient, s, null, null,
				"Rides to dialysis", new NewCommunityReferral.Sharing(true, false, true, true, false, null),
				new NewCommunityReferral.ContactPreferences(true, false, false, null, null), null);
		List<UUID> sent = actors.as("casemanager", () -> List.of(referrals.send(referral.apply(paid)), referrals.send(referral.apply(free)),
				referrals.send(referral.apply(paid))));
		int year = Today.date().getYear();
		BudgetOverview committed = waitFor("the fees committed", program, year, o -> o.committedCents() == 5_000);
		assertThat(committed.spendCents()).isZero();

		// the first delivered, the third cancelled; the free service was never booked
		actors.run("casemanager", () -> {
			referrals.act(sent.get(0), ReferralStatus.Action.ACCEPT, null, null, null, referrals.find(sent.get(0)).orElseThrow().version());
			referrals.act(sent.get(0), ReferralStatus.Action.COMPLETE, null, ReferralOutcome.SERVICE_DELIVERED, null,
					referrals.find(sent.get(0)).orElseThrow().version());
			referrals.act(sent.get(2), ReferralStatus.Action.CANCEL, "No longer needed", null, null,
					referrals.find(sent.get(2)).orElseThrow().version());
		});
		BudgetOverview after = waitFor("the fee spent and the other released", program, year,
				o -> o.spendCents() == 2_500 && o.committedCents() == 0);
		assertThat(after.lines().stream().filter(l -> l.line() == BudgetLine.PURCHASED_SERVICES).findFirst().orElseThrow().spendCents())
			.isEqualTo(2_500);
		List<BookingRow> rows = actors.as("admin", () -> budgets.bookings(program.id(), year, Today.date().getMonthValue()));
		assertThat(rows).hasSize(3).allSatisfy(b -> assertThat(b.description()).contains("Rides " + suffix).contains("$25 per ride"));
		assertThat(rows).filteredOn(BookingRow::released).singleElement()
			.satisfies(b -> assertThat(b.releasedReason()).isEqualTo("budget.released.notDelivered"));
	}

	private BudgetOverview waitFor(String what, ProgramView program, int year, java.util.function.Predicate<BudgetOverview> ok) {
		Actors actors = new Actors(users);
		return Eventually.value(what, () -> actors.as("admin", () -> budgets.overview(program.id(), year)), ok);
	}
}
