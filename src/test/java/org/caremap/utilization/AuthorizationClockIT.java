package org.caremap.utilization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.caseload.Cases;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.internal.TaskEscalationProbe;
import org.caremap.utilization.internal.UtilizationSweep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Units and clocks, walked with the times given to the sweep: visits and kept appointments count the units down (a
 * booked appointment is planned until kept, and no longer once cancelled); units beyond the approval or outside its
 * period are refused with the reason; at 80% used, or 10 business days (on the organisation's calendar) before the
 * approval ends, one re-authorization task goes to the owner; a decision past the payer's time frame becomes urgent
 * work for the owner, which escalates like any late task and is completed by the decision; an appeal makes the task
 * to file it by the deadline, completed by filing.
 */
class AuthorizationClockIT extends IntegrationTest {

	@Autowired Authorizations authorizations;
	@Autowired UtilizationSweep.Sweep sweep;
	@Autowired Appointments appointments;
	@Autowired TaskEscalationProbe escalation;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors;
	UtilizationFixtures.Covered covered;
	UUID dana;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		covered = UtilizationFixtures.coveredPatient(actors, patients, organizations, programs, cases, accounts, "Clockwork",
				"Clockwork Health Plan");
		dana = accounts.findByUsername("casemanager").orElseThrow().id().value();
	}

	/** An approved request of one line: {@code units} visits from {@code from} to {@code to}. */
	UUID approved(int units, LocalDate from, LocalDate to) {
		return actors.as("casemanager", () -> {
			NewAuthorization base = UtilizationFixtures.request(covered, Urgency.STANDARD, false);
			UUID id = authorizations.draft(new NewAuthorization(base.patient(), base.coverage(), base.service(), base.diagnoses(),
					base.requestingProvider(), base.servicingProvider(), base.wantedFrom(), base.wantedTo(), base.urgency(),
					base.clinicalNotes(), List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", units, UnitKind.VISIT)), null));
			authorizations.submit(id, Instant.now().minus(Duration.ofDays(3)));
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now().minus(Duration.ofDays(1)), from, to));
			return id;
		});
	}

	AuthorizationView.LineView line(UUID authorization) {
		return actors.as("casemanager", () -> authorizations.find(authorization).orElseThrow().lines().get(0));
	}

	@Test
	void unitsCountDownAndAreRefusedBeyondTheApprovalOrOutsideItsPeriod() {
		LocalDate today = Today.date();
		UUID id = approved(12, today.minusDays(10), today.plusDays(80));
		UUID lineId = line(id).id();
		UUID use = actors.as("casemanager", () -> authorizations.useUnits(lineId, today.minusDays(2), 5, null, "visits"));
		assertThat(line(id).unitsUsed()).isEqualTo(5);
		assertThat(line(id).unitsLeft()).isEqualTo(7);
		refused(() -> authorizations.useUnits(lineId, today, 8, null, null), "only 7 of 12");
		refused(() -> authorizations.useUnits(lineId, today.minusDays(20), 1, null, null), "starts on");
		refused(() -> authorizations.useUnits(lineId, today.plusDays(81), 1, null, null), "ended on");
		assertThat(line(id).unitsUsed()).as("nothing counted by a refusal").isEqualTo(5);
		actors.run("casemanager", () -> authorizations.voidUse(use, "entered twice"));
		assertThat(line(id).unitsUsed()).isZero();

		// a booked appointment is planned; kept, it counts; a cancelled one no longer is planned
		Instant visit = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
		UUID kept = actors.as("casemanager", () -> appointments.record(visitAt(visit)));
		UUID cancelled = actors.as("casemanager", () -> appointments.record(visitAt(visit.plus(Duration.ofDays(2)))));
		actors.run("casemanager", () -> {
			authorizations.useUnits(lineId, today, 1, kept, null);
			authorizations.useUnits(lineId, today, 1, cancelled, null);
		});
		assertThat(line(id).unitsPlanned()).isEqualTo(2);
		assertThat(line(id).unitsUsed()).isZero();
		refused(() -> authorizations.useUnits(lineId, today, 1, kept, null), "already counts");
		actors.run("casemanager", () -> {
			appointments.apply(kept, AppointmentStatus.Action.ARRIVE, null);
			appointments.apply(cancelled, AppointmentStatus.Action.CANCEL, "not needed");
		});
		Eventually.until("the kept appointment counts", () -> line(id).unitsUsed() == 1);
		Eventually.until("the cancelled one is no longer planned", () -> line(id).unitsPlanned() == 0);
		assertThat(line(id).uses()).singleElement().satisfies(u -> {
			assertThat(u.source()).isEqualTo(kept);
			assertThat(u.counted()).isTrue();
			assertThat(u.warning()).isNull();
		});
		// not approved: nothing counts
		UUID draft = actors.as("casemanager", () -> authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, false)));
		UUID draftLine = line(draft).id();
		refused(() -> authorizations.useUnits(draftLine, today, 1, null, null), "the authorization is draft");
	}

	NewAppointment visitAt(Instant start) {
		return new NewAppointment(covered.patient(), AppointmentKind.PROVIDER_VISIT, "Nurse Kim", "Riverside Home Health", null,
				null, start, start.plusSeconds(3600), "Home visit", false, false, null, false, null, true);
	}

	void refused(Runnable use, String reason) {
		try {
			actors.run("casemanager", use);
			fail("counted, but should be refused: " + reason);
		}
		catch (DomainException ex) {
			assertThat(ex.code()).isIn("authorization.use-refused", "authorization.appointment-counted");
			assertThat(ex.getMessage() + " " + java.util.Arrays.toString(ex.arguments())).contains(reason);
		}
	}

	@Test
	void atEightyPercentUsedOneReauthorizationTaskGoesToTheOwner() {
		LocalDate today = Today.date();
		UUID id = approved(10, today.minusDays(10), today.plusDays(120));
		UUID lineId = line(id).id();
		String source = "authorization-line:" + lineId + ":renewal";
		actors.run("casemanager", () -> authorizations.useUnits(lineId, today, 7, null, null));
		assertThat(line(id).renewalFlaggedAt()).as("70%: not yet").isNull();
		actors.run("casemanager", () -> authorizations.useUnits(lineId, today, 1, null, null));
		assertThat(line(id).renewalFlaggedAt()).as("80%: due").isNotNull();
		assertThat(line(id).renewalReason()).contains("8 of 10");
		Eventually.until("the re-authorization task is made", () -> tasks(source) == 1);
		assertThat(jdbc.sql("select owner_user_id from task where source = ?").param(source).query(UUID.class).single()).isEqualTo(dana);
		assertThat(jdbc.sql("select type from task where source = ?").param(source).query(String.class).single())
			.isEqualTo("AUTHORIZATION_FOLLOW_UP");
		actors.run("casemanager", () -> authorizations.useUnits(lineId, today, 1, null, null));
		sweep.run(Instant.now());
		sleepBriefly();
		assertThat(tasks(source)).as("once").isEqualTo(1);
	}

	@Test
	void tenBusinessDaysBeforeTheApprovalEndsOneReauthorizationTaskIsDue() {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		BusinessCalendar calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		LocalDate today = LocalDate.now(zone);
		// a day whose day before is also a business day: the threshold is crossed exactly on it
		LocalDate crossing = today.plusDays(1);
		while (!calendar.isBusinessDay(crossing) || !calendar.isBusinessDay(crossing.minusDays(1))) crossing = crossing.plusDays(1);
		LocalDate ends = calendar.businessDaysAfter(crossing, 10);
		UUID id = approved(50, today.minusDays(5), ends);
		UUID lineId = line(id).id();
		String source = "authorization-line:" + lineId + ":renewal";
		sweep.run(crossing.minusDays(1).atTime(LocalTime.NOON).atZone(zone).toInstant());
		assertThat(line(id).renewalFlaggedAt()).as("11 business days before the end: not yet").isNull();
		sweep.run(crossing.atTime(LocalTime.NOON).atZone(zone).toInstant());
		assertThat(line(id).renewalFlaggedAt()).as("10 business days before the end: due").isNotNull();
		assertThat(line(id).renewalReason()).contains(ends.toString()).contains("10 business days");
		Eventually.until("the re-authorization task is made", () -> tasks(source) == 1);
		sweep.run(crossing.plusDays(1).atTime(LocalTime.NOON).atZone(zone).toInstant());
		sleepBriefly();
		assertThat(tasks(source)).isEqualTo(1);
	}

	@Test
	void aDecisionPastThePayersTimeFrameBecomesUrgentWorkThatEscalatesUntilTheDecision() {
		UUID id = actors.as("casemanager", () -> authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, false)));
		Instant sent = Instant.now().minus(Duration.ofDays(9));
		actors.run("casemanager", () -> authorizations.submit(id, sent));
		String source = "authorization:" + id + ":decision";
		sweep.run(sent.plus(Duration.ofDays(6)));
		sleepBriefly();
		assertThat(tasks(source)).as("within the 7 days: no work").isZero();
		sweep.run(Instant.now());
		Eventually.until("the overdue decision is work", () -> tasks(source) == 1);
		assertThat(jdbc.sql("select owner_user_id from task where source = ?").param(source).query(UUID.class).single()).isEqualTo(dana);
		assertThat(jdbc.sql("select priority from task where source = ?").param(source).query(String.class).single()).isEqualTo("URGENT");
		assertThat(jdbc.sql("select due_at from task where source = ?").param(source).query(java.time.OffsetDateTime.class).single()
			.toInstant()).isCloseTo(sent.plus(Duration.ofDays(7)), org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));
		escalation.sweep();
		assertThat(jdbc.sql("select escalated_at is not null from task where source = ?").param(source).query(Boolean.class).single())
			.as("a day late: escalated to the supervisor").isTrue();
		sweep.run(Instant.now());
		sleepBriefly();
		assertThat(tasks(source)).as("flagged once").isEqualTo(1);
		actors.run("casemanager", () -> {
			AuthorizationView a = authorizations.find(id).orElseThrow();
			authorizations.decide(id, UtilizationFixtures.decision(a, Instant.now(), Today.date(), Today.date().plusDays(30)));
		});
		Eventually.until("the decision completes the work", () -> jdbc.sql("select status from task where source = ?").param(source)
			.query(String.class).single().equals("COMPLETED"));
	}

	@Test
	void anAppealMakesTheTaskToFileItByTheDeadlineAndFilingCompletesIt() {
		UUID id = actors.as("casemanager", () -> {
			UUID x = authorizations.draft(UtilizationFixtures.request(covered, Urgency.STANDARD, false));
			authorizations.submit(x, Instant.now().minus(Duration.ofDays(2)));
			AuthorizationView a = authorizations.find(x).orElseThrow();
			authorizations.decide(x, UtilizationFixtures.decision(a, Instant.now(), Today.date(), Today.date(), 0));
			return x;
		});
		ZoneId zone = organizations.primary().orElseThrow().zone();
		LocalDate notice = LocalDate.now(zone).minusDays(1);
		UUID appeal = actors.as("casemanager", () -> authorizations.openAppeal(id, notice));
		String source = "appeal:" + appeal + ":filing";
		Eventually.until("the filing task is made", () -> tasks(source) == 1);
		LocalDate deadline = notice.plusDays(60);
		assertThat(jdbc.sql("select due_at from task where source = ?").param(source).query(java.time.OffsetDateTime.class).single()
			.toInstant().atZone(zone).toLocalDate()).isEqualTo(deadline);
		actors.run("casemanager", () -> authorizations.appealAction(appeal, AppealStatus.Action.FILE, null, null));
		Eventually.until("filing completes the task", () -> jdbc.sql("select status from task where source = ?").param(source)
			.query(String.class).single().equals("COMPLETED"));
	}

	long tasks(String source) {
		return jdbc.sql("select count(*) from task where source = ?").param(source).query(Long.class).single();
	}

	static void sleepBriefly() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
