package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.caremap.access.PatientAccess;
import org.caremap.assessment.SafetyFlagRaised;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.notification.SmsSender;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.HandledWork;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.caremap.transition.PatientAdmitted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acceptance 2 of issue 20, with times relative to now: while a case manager is away, the alerts, hospital work and
 * safety tasks meant for them go to their cover (who is let into the patient's record for the time), and once the
 * period is over new ones go to them again, the covered work still open comes back and the owner sees what was
 * handled; after hours a safety flag goes to whoever is on call for the patient's program, paged through the SMS
 * adapter (a recording fake here: it lies outside Caremap). Only the person, their supervisor and administrators
 * manage someone's cover.
 */
class CoverIT extends IntegrationTest {

	/** The SMS adapter replaced by a fake that records what would have left Caremap. */
	@TestConfiguration
	static class RecordingSms {
		static final List<String[]> SENT = new CopyOnWriteArrayList<>();

		@Bean
		@Primary
		SmsSender recordingSmsSender() {
			return (phone, text) -> SENT.add(new String[] { phone, text });
		}
	}

	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired Tasks tasks;
	@Autowired Cover cover;
	@Autowired CoverPeriods periods;
	@Autowired OnCallRota rota;
	@Autowired PatientAccess access;
	@Autowired UserDetailsService users;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate tx;
	@Autowired JdbcClient jdbc;
	@Autowired Messages messages;

	private Actors actors;
	private OrganizationView org;
	private UserView owner;
	private UserView coverPerson;
	private UserView night;
	private UserView supervisor;
	private UserView stranger;
	private ProgramView program;
	private PatientId patient;
	private CaseId caseId;

	private UserView user(String name, Role role, String suffix) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(
				"cover." + name.toLowerCase() + "." + suffix, name + " " + suffix, name.toLowerCase() + suffix + "@example.org",
				Set.of(role), "Cover-test-password-1", false)));
	}

	@BeforeEach
	void organisation() {
		actors = new Actors(users);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		org = organizations.primary().orElseThrow();
		owner = user("Olive", Role.CASE_MANAGER, suffix);
		coverPerson = user("Carl", Role.CASE_MANAGER, suffix);
		night = user("Nora", Role.CASE_MANAGER, suffix);
		supervisor = user("Sue", Role.SUPERVISOR, suffix);
		stranger = user("Stan", Role.CASE_MANAGER, suffix);
		SystemActor.run("test", List.of("ADMIN"), () -> organizations.createTeam(org.id(), "Cover team " + suffix,
				supervisor.id(), List.of(owner.id(), coverPerson.id())));
		program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Cover program " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(supervisor.id())));
		patient = Actors.newPatient(registry, org.id(), "Covered" + suffix);
		LocalDate today = LocalDate.now(org.zone());
		caseId = SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				owner.id(), today, new Consent(today, ConsentMethod.VERBAL, "Covered", true, true, true, true), Acuity.HIGH,
				"cover test")));
		// the case manager has heard of the new case before anyone covers for them
		Eventually.until("the new case alert", () -> alerts(owner.id(), "case-assigned") == 1);
	}

	private long alerts(UserId to, String category) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and category = ? and patient_id = ?")
			.params(to.value(), category, patient.value()).query(Long.class).single();
	}

	private void publish(Object event) {
		tx.executeWithoutResult(s -> events.publishEvent(event));
	}

	private TaskId systemTask(String title, TaskType type, TaskPriority priority) {
		return systemTask(title, type, priority, Instant.now().plus(Duration.ofHours(1)));
	}

	/** Work Caremap makes for the case manager (as the listeners do), due then. */
	private TaskId systemTask(String title, TaskType type, TaskPriority priority, Instant due) {
		return SystemActor.call("test-work", List.of("SYSTEM"), () -> tasks.create(new NewTask(patient, caseId, type, title,
				null, owner.id(), null, priority, null, due, "cover-test:" + UUID.randomUUID())));
	}

	private TaskView task(TaskId id) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> tasks.find(id).orElseThrow());
	}

	@Test
	void alertsAndWorkForTheAbsentCaseManagerGoToTheCoverDuringThePeriodAndBackAfterIt() {
		// the case manager names a cover for a short period that started a minute ago
		UUID period = actors.as(owner.username(), () -> periods.name(owner.id(), coverPerson.id(),
				Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofSeconds(40)), "Sick day"));
		assertThat(cover.actingFor(owner.id(), Instant.now())).isEqualTo(coverPerson.id());
		assertThat(access.canRead(coverPerson.id(), patient)).as("not yet in the record").isFalse();

		// during it: a hospital admission alert and the work Caremap makes go to the cover, saying for whom
		publish(new PatientAdmitted(patient, UUID.randomUUID(), "Riverside General", "4 West", Instant.now()));
		Eventually.until("the cover told of the admission", () -> alerts(coverPerson.id(), "transition.admitted") == 1);
		assertThat(alerts(owner.id(), "transition.admitted")).isZero();
		assertThat(jdbc.sql("select title from notification where recipient_id = ? and category = 'transition.admitted' and patient_id = ?")
			.params(coverPerson.id().value(), patient.value()).query(String.class).single()).startsWith("For " + owner.displayName());
		// (work is given to the cover when it falls due before the cover ends)
		Instant soon = Instant.now().plus(Duration.ofSeconds(20));
		TaskId open = systemTask("Transition call", TaskType.OUTREACH_CALL, TaskPriority.ASAP, soon);
		TaskId done = systemTask("Reconcile medications", TaskType.MEDICATION_RECONCILIATION, TaskPriority.URGENT, soon);
		assertThat(task(open).ownerUser()).isEqualTo(coverPerson.id());
		assertThat(task(done).ownerUser()).isEqualTo(coverPerson.id());
		assertThat(access.canRead(coverPerson.id(), patient)).as("let into the record of the work given").isTrue();
		// the cover sees the covered work on their day, marked for whom, and does one of the tasks
		assertThat(actors.as(coverPerson.username(), () -> tasks.myDay(coverPerson.id())))
			.extracting(r -> r.task().id()).contains(open, done);
		assertThat(actors.as(coverPerson.username(), () -> tasks.actingFor(List.of(open, done))))
			.containsEntry(open, owner.id()).containsEntry(done, owner.id());
		actors.run(coverPerson.username(), () -> tasks.complete(done, "Reconciled with the pharmacist"));
		// a task a person gives to a named colleague is theirs to choose: not moved
		TaskId byHand = actors.as(owner.username(), () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER, "By hand",
				null, owner.id(), null, TaskPriority.ROUTINE, null, null, null)));
		assertThat(task(byHand).ownerUser()).isEqualTo(owner.id());

		// after it: the period ends by time (the job's sweep), the open covered work comes back, the done stays done
		Eventually.until("the period is over", () -> Instant.now().isAfter(
				jdbc.sql("select ends_at from cover_period where id = ?").param(period).query(java.sql.Timestamp.class).single().toInstant()));
		SystemActor.run("cover", List.of("SYSTEM"), () -> periods.closeDue(Instant.now()));
		assertThat(cover.actingFor(owner.id(), Instant.now())).isEqualTo(owner.id());
		Eventually.until("the open covered task back with its owner", () -> owner.id().equals(task(open).ownerUser()));
		assertThat(task(done).ownerUser()).isEqualTo(coverPerson.id());
		assertThat(task(done).status().name()).isEqualTo("COMPLETED");
		assertThat(access.canRead(coverPerson.id(), patient)).as("let out again").isFalse();
		// new alerts and work go to the owner again
		publish(new PatientAdmitted(patient, UUID.randomUUID(), "Riverside General", "5 East", Instant.now()));
		Eventually.until("the owner told of the next admission", () -> alerts(owner.id(), "transition.admitted") == 1);
		assertThat(alerts(coverPerson.id(), "transition.admitted")).isEqualTo(1);
		assertThat(task(systemTask("Follow up after the ED visit", TaskType.OUTREACH_CALL, TaskPriority.URGENT)).ownerUser())
			.isEqualTo(owner.id());
		// the owner's day shows what was handled for them while away
		List<HandledWork> handled = actors.as(owner.username(), () -> tasks.handledFor(owner.id(),
				Instant.now().minus(Duration.ofDays(1)), 50));
		assertThat(handled).extracting(h -> h.task().id()).containsExactlyInAnyOrder(open, done);
		assertThat(handled).filteredOn(h -> h.task().id().equals(open)).singleElement()
			.satisfies(h -> assertThat(h.returned()).isTrue());
		assertThat(handled).filteredOn(h -> h.task().id().equals(done)).singleElement()
			.satisfies(h -> {
				assertThat(h.returned()).isFalse();
				assertThat(h.actingByName()).isEqualTo(coverPerson.displayName());
			});
	}

	@Test
	void workDueAfterTheOwnerIsBackStaysWithTheOwnerAndEndingEarlySendsWorkBack() {
		UUID period = actors.as(supervisor.username(), () -> periods.name(owner.id(), coverPerson.id(),
				Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(2)), "Annual leave"));
		TaskId later = SystemActor.call("test-work", List.of("SYSTEM"), () -> tasks.create(new NewTask(patient, caseId,
				TaskType.OUTREACH_CALL, "Follow-up contact", null, owner.id(), null, TaskPriority.ROUTINE, null,
				Instant.now().plus(Duration.ofDays(10)), "cover-test:" + UUID.randomUUID())));
		assertThat(task(later).ownerUser()).as("due after the cover ends").isEqualTo(owner.id());
		TaskId soon = systemTask("Transition call", TaskType.OUTREACH_CALL, TaskPriority.ASAP);
		assertThat(task(soon).ownerUser()).isEqualTo(coverPerson.id());
		// an escalation meant for the absent owner goes to the cover (the supervisor hears of it as ever)
		publish(new org.caremap.task.TaskOverdue(soon, patient, owner.id(), null, "Transition call"));
		Eventually.until("the cover told of the late work", () -> alerts(coverPerson.id(), "task-overdue") == 1);
		Eventually.until("the supervisor told of the late work", () -> alerts(supervisor.id(), "task-overdue") == 1);
		assertThat(alerts(owner.id(), "task-overdue")).isZero();
		// the supervisor ends it early: the work comes back
		actors.run(supervisor.username(), () -> periods.end(period));
		Eventually.until("the covered task back with its owner", () -> owner.id().equals(task(soon).ownerUser()));
		assertThat(jdbc.sql("select status from cover_period where id = ?").param(period).query(String.class).single()).isEqualTo("ENDED");
	}

	@Test
	void onlyThePersonTheirSupervisorAndAdministratorsManageTheirCover() {
		Instant from = Instant.now().plus(Duration.ofDays(3));
		assertThatThrownBy(() -> actors.run(stranger.username(), () -> periods.name(owner.id(), coverPerson.id(), from,
				from.plus(Duration.ofDays(1)), "Not mine to name"))).isInstanceOf(AccessDeniedException.class);
		UUID id = actors.as(owner.username(), () -> periods.name(owner.id(), coverPerson.id(), from, from.plus(Duration.ofDays(1)), "Training"));
		assertThatThrownBy(() -> actors.run(stranger.username(), () -> periods.end(id))).isInstanceOf(AccessDeniedException.class);
		// the cover person covers; they do not manage the owner's cover
		assertThatThrownBy(() -> actors.run(coverPerson.username(), () -> periods.end(id))).isInstanceOf(AccessDeniedException.class);
		assertThat(actors.as(coverPerson.username(), () -> periods.manages(owner.id()))).isFalse();
		assertThat(actors.as(supervisor.username(), () -> periods.manages(owner.id()))).isTrue();
		// an overlapping period is refused; the supervisor sees it on the team's list; cancelled before it starts
		assertThatThrownBy(() -> actors.run(owner.username(), () -> periods.name(owner.id(), stranger.id(), from.plus(Duration.ofHours(2)),
				from.plus(Duration.ofDays(2)), "Overlap"))).hasMessageContaining("cover for part of that time");
		assertThat(actors.as(supervisor.username(), () -> periods.team(100))).extracting(CoverPeriodView::id).contains(id);
		assertThat(actors.as(stranger.username(), () -> periods.team(100))).extracting(CoverPeriodView::id).doesNotContain(id);
		actors.run(owner.username(), () -> periods.end(id));
		assertThat(jdbc.sql("select status from cover_period where id = ?").param(id).query(String.class).single()).isEqualTo("CANCELLED");
		assertThat(jdbc.sql("select count(*) from audit_event where outcome = 'DENIED' and resource_type = 'CoverPeriod' and resource_id = ?")
			.param(owner.id().toString()).query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void anAfterHoursSafetyFlagGoesToWhoeverIsOnCallWithATextMessage() {
		LocalDate today = LocalDate.now(org.zone());
		// after hours for certain: today is made a holiday (unless it is after hours already)
		boolean holidayAdded = !cover.afterHours(Instant.now());
		if (holidayAdded) SystemActor.run("test", List.of("ADMIN"), () -> organizations.addHoliday(org.id(), today, "Cover test holiday"));
		try {
			assertThat(cover.afterHours(Instant.now())).isTrue();
			actors.run(supervisor.username(), () -> rota.add(program.id(), night.id(), Instant.now().minus(Duration.ofMinutes(5)),
					Instant.now().plus(Duration.ofHours(12)), "(614) 555-0123"));
			assertThat(cover.onCall(program.id(), Instant.now())).contains(night.id());
			int before = RecordingSms.SENT.size();

			// a PHQ-9 item 9 flag: the alert and the STAT safety task go to the person on call, paged by text
			publish(new SafetyFlagRaised(patient, caseId, UUID.randomUUID(), "PHQ-9", "Thoughts of self-harm (item 9)"));
			Eventually.until("the person on call alerted", () -> alerts(night.id(), "assessment.urgent") == 1);
			assertThat(alerts(owner.id(), "assessment.urgent")).isZero();
			Eventually.until("the text message sent", () -> RecordingSms.SENT.size() == before + 1);
			String[] text = RecordingSms.SENT.get(before);
			assertThat(text[0]).isEqualTo("(614) 555-0123");
			assertThat(text[1]).contains("on call").doesNotContain("Covered");
			TaskId safety = systemTask("Safety follow-up: PHQ-9 item 9", TaskType.SAFETY_FOLLOW_UP, TaskPriority.STAT);
			assertThat(task(safety).ownerUser()).isEqualTo(night.id());
			assertThat(access.canRead(night.id(), patient)).isTrue();
			// work that is not STAT still goes to the case manager
			assertThat(task(systemTask("Routine call", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE)).ownerUser()).isEqualTo(owner.id());
			// the admission of this high-acuity patient is STAT too
			publish(new PatientAdmitted(patient, UUID.randomUUID(), "Riverside General", "ICU", Instant.now()));
			Eventually.until("the person on call told of the admission", () -> alerts(night.id(), "transition.admitted") == 1);
			Eventually.until("a second text message", () -> RecordingSms.SENT.size() == before + 2);

			// the shift is taken off the rota: the open STAT task comes back to the case manager
			UUID shift = jdbc.sql("select id from on_call_shift where program_id = ?").param(program.id().value()).query(UUID.class).single();
			actors.run(supervisor.username(), () -> rota.remove(shift));
			Eventually.until("the on-call task back with its owner", () -> owner.id().equals(task(safety).ownerUser()));
			assertThat(cover.onCall(program.id(), Instant.now())).isEmpty();
		}
		finally {
			if (holidayAdded) SystemActor.run("test", List.of("ADMIN"), () -> organizations.removeHoliday(org.id(), today));
		}
	}

	/** The kind of arrangement a task was given under, if any (ON_CALL, COVER). */
	private String actingKind(TaskId id) {
		return jdbc.sql("select coalesce(acting_kind, '') from task where id = ?").param(id.value()).query(String.class).single();
	}

	@Test
	void afterHoursTheCoverOfAnOnCallPersonWhoIsAwayAnswersOneStepOnlyAndNeverSendsTheOwnersWorkRound() {
		LocalDate today = LocalDate.now(org.zone());
		boolean holidayAdded = !cover.afterHours(Instant.now());
		if (holidayAdded) SystemActor.run("test", List.of("ADMIN"), () -> organizations.addHoliday(org.id(), today, "Cover test holiday"));
		try {
			actors.run(supervisor.username(), () -> rota.add(program.id(), night.id(), Instant.now().minus(Duration.ofMinutes(5)),
					Instant.now().plus(Duration.ofHours(12)), "(614) 555-0144"));
			// Nora is on the rota but away herself: Carl covers for her
			UUID away = actors.as(night.username(), () -> periods.name(night.id(), coverPerson.id(),
					Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(3)), "Sick day"));
			assertThat(cover.onCall(program.id(), Instant.now())).as("the rota itself").contains(night.id());
			assertThat(cover.onCallActing(program.id(), Instant.now())).get()
				.satisfies(a -> {
					assertThat(a.person()).isEqualTo(coverPerson.id());
					assertThat(a.kind()).isEqualTo(Cover.Kind.ON_CALL);
					assertThat(a.phone()).as("not paged on Nora's number").isNull();
				});
			int before = RecordingSms.SENT.size();

			// the safety flag's alert and STAT task go to Carl, not to Nora nor the case manager; no text to Nora's number
			publish(new SafetyFlagRaised(patient, caseId, UUID.randomUUID(), "PHQ-9", "Thoughts of self-harm (item 9)"));
			Eventually.until("Carl alerted for the person on call", () -> alerts(coverPerson.id(), "assessment.urgent") == 1);
			assertThat(alerts(night.id(), "assessment.urgent")).isZero();
			assertThat(alerts(owner.id(), "assessment.urgent")).isZero();
			assertThat(RecordingSms.SENT.size()).isEqualTo(before);
			TaskId safety = systemTask("Safety follow-up: PHQ-9 item 9", TaskType.SAFETY_FOLLOW_UP, TaskPriority.STAT);
			assertThat(task(safety).ownerUser()).isEqualTo(coverPerson.id());
			assertThat(actingKind(safety)).isEqualTo("ON_CALL");
			assertThat(access.canRead(coverPerson.id(), patient)).isTrue();

			// one step only: Carl away as well (Stan covers him) does not pass on-call work on to Stan
			actors.run(coverPerson.username(), () -> periods.name(coverPerson.id(), stranger.id(),
					Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(1)), "Training"));
			assertThat(cover.onCallActing(program.id(), Instant.now())).get().extracting(Cover.Acting::person).isEqualTo(coverPerson.id());

			// Nora's cover is the case manager herself: her STAT work stays with her, not sent round through on call
			actors.run(night.username(), () -> periods.end(away));
			actors.run(night.username(), () -> periods.name(night.id(), owner.id(), Instant.now(),
					Instant.now().plus(Duration.ofHours(3)), "Sick day"));
			assertThat(cover.onCallActing(program.id(), Instant.now())).get().extracting(Cover.Acting::person).isEqualTo(owner.id());
			TaskId second = systemTask("Safety follow-up: second flag", TaskType.SAFETY_FOLLOW_UP, TaskPriority.STAT);
			assertThat(task(second).ownerUser()).isEqualTo(owner.id());
			assertThat(actingKind(second)).isEmpty();
			// ... and when the case manager is away too, her own cover takes it, as by day
			actors.run(owner.username(), () -> periods.name(owner.id(), supervisor.id(),
					Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(3)), "Appointment"));
			TaskId third = systemTask("Safety follow-up: third flag", TaskType.SAFETY_FOLLOW_UP, TaskPriority.STAT);
			assertThat(task(third).ownerUser()).isEqualTo(supervisor.id());
			assertThat(actingKind(third)).isEqualTo("COVER");

			// the shift ends: what Carl was given under it comes back, and the record closes to him again
			UUID shift = jdbc.sql("select id from on_call_shift where program_id = ?").param(program.id().value()).query(UUID.class).single();
			actors.run(supervisor.username(), () -> rota.remove(shift));
			Eventually.until("the on-call task back with its owner", () -> owner.id().equals(task(safety).ownerUser()));
			assertThat(access.canRead(coverPerson.id(), patient)).as("let out again").isFalse();
		}
		finally {
			if (holidayAdded) SystemActor.run("test", List.of("ADMIN"), () -> organizations.removeHoliday(org.id(), today));
		}
	}

	@Test
	void theCoverReadsAndAnswersTheAbsentCaseManagersThreadsDuringThePeriodOnly() {
		UUID period = actors.as(owner.username(), () -> periods.name(owner.id(), coverPerson.id(),
				Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofHours(2)), "Annual leave"));
		// the supervisor writes to the case team: the alert meant for Olive goes to Carl, who is let into the record
		UUID thread = actors.as(supervisor.username(), () -> messages.start(patient, caseId, "Pharmacy call",
				new Messages.NewMessage("Please call the pharmacy about the refill.", false, null)));
		Eventually.until("Carl told of the message", () -> alerts(coverPerson.id(), "message") == 1);
		assertThat(alerts(owner.id(), "message")).isZero();
		assertThat(access.canRead(coverPerson.id(), patient)).isTrue();
		// Carl reads the thread and answers, audited as acting for Olive; Stan (no cover) may not
		assertThat(actors.as(coverPerson.username(), () -> messages.open(patient, thread)).messages()).hasSize(1);
		actors.run(coverPerson.username(), () -> messages.post(patient, thread,
				new Messages.NewMessage("Called them: the refill is ready.", false, null)));
		assertThat(actors.as(coverPerson.username(), () -> messages.ofPatient(patient))).extracting(ThreadSummary::id).contains(thread);
		assertThat(jdbc.sql("""
				select count(*) from audit_event where resource_type = 'MessageThread' and patient_id = ? and outcome = 'SUCCESS'
				  and detail = ?""").params(patient.value(), "acting as cover for " + owner.displayName()).query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
		assertThatThrownBy(() -> actors.run(stranger.username(), () -> messages.open(patient, thread)))
			.isInstanceOf(AccessDeniedException.class);

		// Olive is back: the thread is closed to Carl again
		actors.run(owner.username(), () -> periods.end(period));
		assertThatThrownBy(() -> actors.run(coverPerson.username(), () -> messages.open(patient, thread)))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(actors.as(owner.username(), () -> messages.open(patient, thread)).messages()).hasSize(2);
	}

	@Test
	void theDemoHasAComingCoverPeriodAndAnOnCallRotaForItsPrograms() {
		UserId marcus = accounts.findByUsername("casemanager2").orElseThrow().id();
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		assertThat(jdbc.sql("select count(*) from cover_period where owner_id = ? and cover_id = ? and starts_at > now()")
			.params(marcus.value(), dana.value()).query(Long.class).single()).isEqualTo(1);
		List<Long> shiftsPerProgram = jdbc.sql("""
				select count(*) from on_call_shift where created_by = 'system:demo' and starts_at > now() group by program_id""")
			.query(Long.class).list();
		assertThat(shiftsPerProgram).hasSizeGreaterThanOrEqualTo(3).allMatch(n -> n == 5);
		// nobody covers for Marcus now, and nobody of the demo is on call now: work reaches its owner
		assertThat(cover.actingFor(marcus, Instant.now())).isEqualTo(marcus);
	}
}
