package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramType;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.ClockAudience;
import org.caremap.task.ClockSettings;
import org.caremap.task.ClockStart;
import org.caremap.task.ClockStop;
import org.caremap.task.ClockUnit;
import org.caremap.task.ClockView;
import org.caremap.task.Clocks;
import org.caremap.task.FollowUps;
import org.caremap.task.internal.ClockStatus.Action;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Service-level clocks on the running application: a program's clock started by an enrolment, paused by a hold and
 * resumed with its time left (or in full); the follow-up cadence as a clock; business hours across a holiday and a DST
 * change on the organisation's calendar; the warning and the breach told once each however often the sweep runs; and
 * the instance state machine walked against a table written here.
 */
class ClockIT extends IntegrationTest {

	@Autowired Clocks clocks;
	@Autowired JdbcClocks engine;
	@Autowired ClockSweepProbe sweep;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired FollowUps followUps;
	@Autowired JdbcClient jdbc;

	Actors actors() {
		return new Actors(users);
	}

	/** A program of its own for each test, supervised by the demo supervisor, so its clocks touch no other test. */
	ProgramId program(String name) {
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		return actors().as("admin", () -> {
			var p = programs.create(organizations.primary().orElseThrow().id(), new ProgramDefinition(name + " " + System.nanoTime(),
					ProgramType.COMPLEX_CARE, "", "", 14, Confidentiality.STANDARD, true));
			programs.assignSupervisors(p.id(), Set.of(supervisor));
			return p.id();
		});
	}

	ClockView clock(ProgramId program, String name, ClockUnit unit, int target, Integer warn, boolean keep, ClockAudience tell) {
		return actors().as("admin", () -> clocks.add(program, new ClockSettings(name, ClockStart.ENROLMENT, ClockStop.FIRST_CONTACT,
				unit, target, warn, true, false, keep, tell)));
	}

	record Enrolled(PatientId patient, CaseId caseId) {
	}

	Enrolled enrol(ProgramId program, String family) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		ZoneId zone = organizations.calendar(organizations.primary().orElseThrow().id()).zone();
		CaseId caseId = actors().as("supervisor", () -> cases.enrol(new Enrolment(patient, program, null, dana, LocalDate.now(zone),
				new Consent(LocalDate.now(zone), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true),
				Acuity.MODERATE, "clock test")));
		return new Enrolled(patient, caseId);
	}

	Map<String, Object> instance(UUID definition, CaseId caseId) {
		return jdbc.sql("select * from clock_instance where definition_id = ? and case_id = ? order by created_at desc limit 1")
			.params(definition, caseId.value()).query().singleRow();
	}

	static Instant at(Object timestamp) {
		return ((java.sql.Timestamp) timestamp).toInstant();
	}

	@Test
	void pausedOverAHoldAClockKeepsItsTimeLeftOrStartsAgainInFull() {
		ProgramId program = program("Clocks keep time");
		ClockView keeps = clock(program, "First contact within 48 hours", ClockUnit.CALENDAR_HOURS, 48, null, true, ClockAudience.NOBODY);
		ClockView restarts = clock(program, "Welcome call within 48 hours", ClockUnit.CALENDAR_HOURS, 48, null, false, ClockAudience.NOBODY);
		Enrolled e = enrol(program, "Keepsake");
		Map<String, Object> started = instance(keeps.id(), e.caseId());
		assertThat(started.get("status")).isEqualTo("RUNNING");
		assertThat(Duration.between(at(started.get("started_at")), at(started.get("due_at")))).isEqualTo(Duration.ofHours(48));

		// 38 hours have run (10 left) when the case goes on hold
		jdbc.sql("update clock_instance set due_at = now() + interval '10 hours' where case_id = ? and status = 'RUNNING'")
			.param(e.caseId().value()).update();
		actors().run("casemanager", () -> cases.hold(e.caseId(), "in rehab", null));
		Map<String, Object> paused = instance(keeps.id(), e.caseId());
		assertThat(paused.get("status")).isEqualTo("PAUSED");
		assertThat(((Number) paused.get("left_millis")).longValue()).isCloseTo(Duration.ofHours(10).toMillis(), within(60_000L));

		// on hold for three hours
		jdbc.sql("update clock_instance set paused_at = paused_at - interval '3 hours' where case_id = ? and status = 'PAUSED'")
			.param(e.caseId().value()).update();
		Instant resumedAt = Instant.now();
		actors().run("casemanager", () -> cases.resume(e.caseId(), "home again"));
		Map<String, Object> kept = instance(keeps.id(), e.caseId());
		assertThat(kept.get("status")).isEqualTo("RUNNING");
		assertThat(Duration.between(resumedAt, at(kept.get("due_at"))).toMinutes()).isBetween(599L, 600L);
		assertThat(((Number) kept.get("paused_seconds")).longValue()).isBetween(3 * 3600L, 3 * 3600L + 60);
		Map<String, Object> again = instance(restarts.id(), e.caseId());
		assertThat(Duration.between(resumedAt, at(again.get("due_at"))).toMinutes()).isBetween(48 * 60L - 1, 48 * 60L);

		// a contact that reaches the patient meets both, before they run out
		actors().run("casemanager", () -> followUps.contactReached(e.caseId(), Instant.now()));
		assertThat(instance(keeps.id(), e.caseId()).get("status")).isEqualTo("MET");
		assertThat(instance(restarts.id(), e.caseId()).get("status")).isEqualTo("MET");
	}

	@Test
	void theFollowUpCadenceIsAClockRestartedInFullUnlessItKeepsItsTimeLeft() {
		ProgramId program = program("Cadence clock");
		Enrolled e = enrol(program, "Cadence");
		ClockView followUp = actors().as("admin", () -> clocks.ofProgram(program)).stream().filter(c -> c.key().equals("follow-up"))
			.findFirst().orElseThrow();
		assertThat(followUp.builtIn()).isTrue();
		assertThat(followUp.settings().target()).isEqualTo(14);
		assertThat(followUp.settings().keepTimeLeft()).isFalse();
		Map<String, Object> first = instance(followUp.id(), e.caseId());
		Instant taskDue = followUpTaskDue(e.caseId());
		assertThat(at(first.get("due_at"))).isEqualTo(taskDue);
		var calendar = organizations.calendar(organizations.primary().orElseThrow().id());
		assertThat(taskDue).isEqualTo(calendar.endOfCalendarDaysAfter(at(first.get("started_at")), 14));

		// as before: a resumed case's follow-up is due the whole interval after the resume
		actors().run("casemanager", () -> cases.hold(e.caseId(), "travelling", null));
		assertThat(instance(followUp.id(), e.caseId()).get("status")).isEqualTo("PAUSED");
		assertThat(jdbc.sql("select count(*) from task where source = ? and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')")
			.param("cadence:" + e.caseId().value()).query(Long.class).single()).isZero();
		actors().run("casemanager", () -> cases.resume(e.caseId(), "back"));
		assertThat(followUpTaskDue(e.caseId())).isEqualTo(calendar.endOfCalendarDaysAfter(Instant.now(), 14));
		assertThat(at(instance(followUp.id(), e.caseId()).get("due_at"))).isEqualTo(followUpTaskDue(e.caseId()));

		// kept: the follow-up resumes with its time left, the task due when the clock is
		ClockView changed = actors().as("admin", () -> clocks.change(program, followUp.id(), new ClockSettings(followUp.settings().name(),
				ClockStart.ENROLMENT, ClockStop.FIRST_CONTACT, ClockUnit.CALENDAR_DAYS, 14, 2, true, false, true, ClockAudience.NOBODY),
				followUp.version()));
		assertThat(changed.settings().keepTimeLeft()).isTrue();
		// three days of the interval left when the case goes on hold; two days on hold; three days left after it
		jdbc.sql("update clock_instance set due_at = now() + interval '3 days' where case_id = ? and status = 'RUNNING'")
			.param(e.caseId().value()).update();
		actors().run("casemanager", () -> cases.hold(e.caseId(), "in hospital", null));
		jdbc.sql("update clock_instance set paused_at = paused_at - interval '2 days' where case_id = ? and status = 'PAUSED'")
			.param(e.caseId().value()).update();
		Instant resumedAt = Instant.now();
		actors().run("casemanager", () -> cases.resume(e.caseId(), "home"));
		Instant dueAfter = followUpTaskDue(e.caseId());
		assertThat(Duration.between(resumedAt, dueAfter).toMinutes()).isBetween(3 * 24 * 60L - 1, 3 * 24 * 60L + 1);
		assertThat(at(instance(followUp.id(), e.caseId()).get("due_at"))).isEqualTo(dueAfter);
		assertThat(((Number) instance(followUp.id(), e.caseId()).get("paused_seconds")).longValue()).isGreaterThanOrEqualTo(2 * 86_400L);
	}

	Instant followUpTaskDue(CaseId caseId) {
		return jdbc.sql("select due_at from task where source = ? and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')")
			.param("cadence:" + caseId.value()).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
	}

	@Test
	void businessHoursRunOnTheOrganisationsCalendarAcrossAHolidayAndTheDstChange() {
		var org = organizations.primary().orElseThrow().id();
		LocalDate holiday = LocalDate.of(2027, 3, 15);
		boolean had = organizations.holidays(org, holiday, holiday).contains(holiday);
		if (!had) actors().run("admin", () -> organizations.addHoliday(org, holiday, "Clock test holiday"));
		try {
			ZoneId zone = organizations.calendar(org).zone();
			assertThat(zone).isEqualTo(ZoneId.of("America/New_York"));
			ProgramId program = program("Business hours");
			ClockView fourHours = clock(program, "Call back within 4 business hours", ClockUnit.BUSINESS_HOURS, 4, 1, true,
					ClockAudience.NOBODY);
			ClockView twoDays = clock(program, "Visit within 2 business days", ClockUnit.BUSINESS_DAYS, 2, 1, true,
					ClockAudience.NOBODY);
			Enrolled e = enrol(program, "Springforward");
			// started on Friday 12 March 2027 at 15:00 EST; the clocks go forward on Sunday, Monday is the holiday
			Instant friday = ZonedDateTime.of(2027, 3, 12, 15, 0, 0, 0, zone).toInstant();
			Instant due = actors().as("admin", () -> engine.start(def(program, fourHours.id()), e.patient(), e.caseId(), "test:hours",
					friday, null));
			assertThat(due).isEqualTo(ZonedDateTime.of(2027, 3, 16, 11, 0, 0, 0, zone).toInstant());
			Map<String, Object> row = jdbc.sql("select * from clock_instance where subject = 'test:hours' and case_id = ?")
				.param(e.caseId().value()).query().singleRow();
			assertThat(at(row.get("due_at"))).isEqualTo(due);
			// warned one business hour before: 10:00 EDT on Tuesday
			assertThat(at(row.get("warn_at"))).isEqualTo(ZonedDateTime.of(2027, 3, 16, 10, 0, 0, 0, zone).toInstant());
			Instant dueDays = actors().as("admin", () -> engine.start(def(program, twoDays.id()), e.patient(), e.caseId(), "test:days",
					friday, null));
			assertThat(dueDays).isEqualTo(ZonedDateTime.of(2027, 3, 18, 0, 0, 0, 0, zone).toInstant().minusNanos(1000));
			// the same start heard again finds the clock running
			assertThat(actors().as("admin", () -> engine.start(def(program, twoDays.id()), e.patient(), e.caseId(), "test:days",
					friday, null))).isEqualTo(dueDays);
			assertThat(jdbc.sql("select count(*) from clock_instance where subject = 'test:days'").query(Long.class).single()).isEqualTo(1);
		}
		finally {
			if (!had) actors().run("admin", () -> organizations.removeHoliday(org, holiday));
		}
	}

	JdbcClocks.Def def(ProgramId program, UUID id) {
		return engine.findDef(program, id).orElseThrow();
	}

	@Test
	void theWarningAndTheBreachAreToldOnceEach() {
		ProgramId program = program("Told once");
		String name = "Contact within 2 business days " + System.nanoTime();
		ClockView clock = clock(program, name, ClockUnit.BUSINESS_DAYS, 2, 1, true, ClockAudience.BOTH);
		Enrolled e = enrol(program, "Toldonce");
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		UUID id = (UUID) instance(clock.id(), e.caseId()).get("id");

		jdbc.sql("update clock_instance set warn_at = now() - interval '1 minute' where id = ?").param(id).update();
		for (int run = 0; run < 3; run++) sweep.sweep();
		Eventually.until("the warning told", () -> told("Due soon: " + name, dana) == 1 && told("Due soon: " + name, supervisor) == 1);
		for (int run = 0; run < 3; run++) sweep.sweep();

		jdbc.sql("update clock_instance set due_at = now() - interval '1 minute' where id = ?").param(id).update();
		for (int run = 0; run < 3; run++) sweep.sweep();
		Eventually.until("the breach told", () -> told("Missed: " + name, dana) == 1 && told("Missed: " + name, supervisor) == 1);
		for (int run = 0; run < 3; run++) sweep.sweep();
		assertThat(told("Due soon: " + name, dana)).isEqualTo(1);
		assertThat(told("Due soon: " + name, supervisor)).isEqualTo(1);
		assertThat(told("Missed: " + name, dana)).isEqualTo(1);
		assertThat(told("Missed: " + name, supervisor)).isEqualTo(1);
		Map<String, Object> row = jdbc.sql("select * from clock_instance where id = ?").param(id).query().singleRow();
		assertThat(row.get("warned_at")).isNotNull();
		assertThat(row.get("breached_at")).isNotNull();

		// stopped after its breach: missed; and the supervisor sees it among the clocks at risk until then
		var risk = actors().as("supervisor", () -> clocks.atRisk(0, 50));
		assertThat(risk.rows()).anySatisfy(r -> assertThat(r.instance()).isEqualTo(id));
		actors().run("casemanager", () -> followUps.contactReached(e.caseId(), Instant.now()));
		assertThat(jdbc.sql("select status from clock_instance where id = ?").param(id).query(String.class).single()).isEqualTo("MISSED");
	}

	@Autowired org.springframework.context.ApplicationEventPublisher events;
	@Autowired org.springframework.transaction.support.TransactionTemplate tx;

	@Test
	void aStayInHospitalPausesTheClocksThatSaySoAndADischargeStartsOthers() {
		ProgramId program = program("In hospital");
		ClockView paused = actors().as("admin", () -> clocks.add(program, new ClockSettings("Goals agreed within 10 days",
				ClockStart.ENROLMENT, ClockStop.ASSESSMENT_COMPLETED, ClockUnit.CALENDAR_DAYS, 10, null, false, true, true,
				ClockAudience.NOBODY)));
		ClockView afterDischarge = actors().as("admin", () -> clocks.add(program, new ClockSettings("Check-in within 24 hours",
				ClockStart.DISCHARGE, ClockStop.FIRST_CONTACT, ClockUnit.CALENDAR_HOURS, 24, null, true, false, true,
				ClockAudience.NOBODY)));
		Enrolled e = enrol(program, "Inpatient");
		// five days left when the patient is admitted
		jdbc.sql("update clock_instance set due_at = now() + interval '5 days' where definition_id = ? and case_id = ?")
			.params(paused.id(), e.caseId().value()).update();
		UUID encounter = UUID.randomUUID();
		Instant admitted = Instant.now();
		tx.executeWithoutResult(s -> events.publishEvent(new org.caremap.transition.PatientAdmitted(e.patient(), encounter, "RGH",
				null, admitted)));
		Eventually.until("paused in hospital", () -> "PAUSED".equals(instance(paused.id(), e.caseId()).get("status")));
		jdbc.sql("update clock_instance set paused_at = paused_at - interval '2 days' where case_id = ? and status = 'PAUSED'")
			.param(e.caseId().value()).update();
		Instant discharged = Instant.now();
		tx.executeWithoutResult(s -> events.publishEvent(new org.caremap.transition.PatientDischarged(e.patient(), encounter, "I",
				"RGH", discharged, null, null)));
		Eventually.until("resumed at the discharge", () -> "RUNNING".equals(instance(paused.id(), e.caseId()).get("status")));
		Map<String, Object> resumed = instance(paused.id(), e.caseId());
		// the time left kept: five days from the discharge; two days in hospital recorded
		assertThat(Duration.between(discharged, at(resumed.get("due_at"))).toMinutes()).isBetween(5 * 24 * 60L - 2, 5 * 24 * 60L + 1);
		assertThat(((Number) resumed.get("paused_seconds")).longValue()).isGreaterThanOrEqualTo(2 * 86_400L);
		Eventually.until("the discharge's clock started", () -> jdbc.sql(
				"select count(*) from clock_instance where definition_id = ? and subject = ?")
			.params(afterDischarge.id(), "encounter:" + encounter).query(Long.class).single() == 1);
		Map<String, Object> started = instance(afterDischarge.id(), e.caseId());
		assertThat(at(started.get("started_at"))).isCloseTo(discharged, within(1, ChronoUnit.MILLIS));
		assertThat(at(started.get("due_at"))).isCloseTo(discharged.plus(Duration.ofHours(24)), within(1, ChronoUnit.MILLIS));
	}

	long told(String title, UserId who) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and title = ?").params(who.value(), title)
			.query(Long.class).single();
	}

	/** The transition table, written out: what each action leaves each state in (absent: refused, unchanged). */
	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();
	static {
		TABLE.put("RUNNING", Map.of(Action.PAUSE, "PAUSED", Action.STOP, "MET", Action.CANCEL, "CANCELLED"));
		TABLE.put("PAUSED", Map.of(Action.RESUME, "RUNNING", Action.STOP, "MET", Action.CANCEL, "CANCELLED"));
		TABLE.put("MET", Map.of());
		TABLE.put("MISSED", Map.of());
		TABLE.put("CANCELLED", Map.of());
	}

	@Test
	void everyStateAndActionOfAClockInstanceFollowsTheTable() {
		ProgramId program = program("State machine");
		ClockView clock = clock(program, "Walked", ClockUnit.CALENDAR_HOURS, 24, null, true, ClockAudience.NOBODY);
		Enrolled e = enrol(program, "Statewalk");
		assertThat(TABLE.keySet()).containsExactlyInAnyOrder(
				java.util.Arrays.stream(ClockStatus.values()).map(Enum::name).toArray(String[]::new));
		for (ClockStatus from : ClockStatus.values()) {
			Map<Action, ClockStatus> code = new EnumMap<>(Action.class);
			code.putAll(ClockStatus.TABLE.get(from));
			for (Action action : Action.values()) {
				UUID id = seed(clock, e, from);
				JdbcClocks.Open open = jdbc.sql("""
						select i.id, i.definition_id, d.unit, i.target, d.warn_before, d.keep_time_left, d.pause_on_hold,
						       d.pause_in_hospital, i.status, i.due_at, i.paused_at, i.left_millis, d.key, i.started_at
						from clock_instance i join clock_definition d on d.id = i.definition_id where i.id = ?""")
					.param(id).query((rs, n) -> new JdbcClocks.Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
							rs.getString(13), ClockUnit.valueOf(rs.getString(3)), rs.getInt(4), null, rs.getBoolean(6), rs.getBoolean(7),
							rs.getBoolean(8), "PAUSED",
							rs.getTimestamp(14).toInstant(), rs.getTimestamp(10).toInstant(), null, 1000L))
					.single();
				Instant now = Instant.now();
				actors().run("admin", () -> {
					switch (action) {
						case PAUSE -> engine.pause(open, now);
						case RESUME -> engine.resume(open, now); // asked as if paused: the SQL guard decides
						case STOP -> engine.stop(id, now, "walk");
						case CANCEL -> engine.cancel(id, "walk");
					}
				});
				String after = jdbc.sql("select status from clock_instance where id = ?").param(id).query(String.class).single();
				String expected = TABLE.get(from.name()).getOrDefault(action, from.name());
				assertThat(after).as(from + " " + action).isEqualTo(expected);
				assertThat(code.containsKey(action) ? code.get(action).name() : from.name()).as("code table " + from + " " + action)
					.isEqualTo(expected);
				jdbc.sql("update clock_instance set status = 'CANCELLED', stopped_at = coalesce(stopped_at, now()), paused_at = null where id = ?")
					.param(id).update();
			}
		}
	}

	/** An instance of the clock in a given state, made directly (the walk starts from every state). */
	UUID seed(ClockView clock, Enrolled e, ClockStatus status) {
		jdbc.sql("update clock_instance set status = 'CANCELLED', stopped_at = now(), paused_at = null where definition_id = ? and status in ('RUNNING', 'PAUSED')")
			.param(clock.id()).update();
		UUID id = UUID.randomUUID();
		boolean paused = status == ClockStatus.PAUSED;
		boolean stopped = status != ClockStatus.RUNNING && !paused;
		jdbc.sql("""
				insert into clock_instance (id, definition_id, program_id, patient_id, case_id, subject, status, target, started_at,
				    due_at, paused_at, left_millis, stopped_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, 24, now(), now() + interval '1 day', ?, ?, ?, 'test')""")
			.params(id, clock.id(), clock.program().value(), e.patient().value(), e.caseId().value(), "walk:" + id, status.name(),
					paused ? java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)) : null, paused ? 3_600_000L : null,
					stopped ? java.sql.Timestamp.from(Instant.now()) : null)
			.update();
		return id;
	}
}
