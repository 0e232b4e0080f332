package org.caremap.task.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditTrail;
import org.caremap.caseload.CaseAssigned;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseHeld;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseOpened;
import org.caremap.caseload.CaseResumed;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.FollowUps;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cadence engine. Case events arrive in the same transaction as the change that caused them, so a case is
 * never without its follow-up, nor an on-hold case with one. Due times end at the end of the day in the
 * organisation's zone.
 */
@Service
@Transactional
class Cadence implements FollowUps {

	private final Tasks tasks;
	private final Cases cases;
	private final Programs programs;
	private final Organizations organizations;
	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final JdbcClocks clocks;

	Cadence(Tasks tasks, Cases cases, Programs programs, Organizations organizations, JdbcClient jdbc,
			PatientAccess access, AuditTrail audit, JdbcClocks clocks) {
		this.clocks = clocks;
		this.access = access;
		this.audit = audit;
		this.tasks = tasks;
		this.cases = cases;
		this.programs = programs;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	static String source(CaseId caseId) {
		return "cadence:" + caseId.value();
	}

	/** The subject of the case's follow-up clock (an instance of the program's built-in "follow-up" clock). */
	static String subject(CaseId caseId) {
		return "case:" + caseId.value();
	}

	@EventListener
	void on(CaseOpened opened) {
		schedule(opened.caseId(), opened.patient(), opened.caseManager(), opened.program(),
				programs.find(opened.program()).orElseThrow().contactEveryDays(), Instant.now());
	}

	/** On hold: no follow-up task, and the follow-up clock pauses (when the program's clock pauses on hold). */
	@EventListener
	void on(CaseHeld held) {
		system(() -> tasks.cancelFromSource(source(held.caseId()), "case on hold: " + held.reason()));
		system(() -> clocks.holdBuiltIn(JdbcClocks.FOLLOW_UP, subject(held.caseId()), Instant.now()));
	}

	/**
	 * Resumed: the follow-up clock resumes, with the time it had left when the program's clock keeps it, else with its
	 * whole interval again (the default, as the cadence always did); the follow-up task is due when the clock is.
	 */
	@EventListener
	void on(CaseResumed resumed) {
		Instant now = Instant.now();
		CaseView c = system(() -> cases.find(resumed.caseId()).orElseThrow());
		if (c.status() != org.caremap.caseload.CaseStatus.ACTIVE) return;
		Optional<Instant> due = system(() -> clocks.resumeBuiltIn(JdbcClocks.FOLLOW_UP, subject(c.id()), now));
		if (due.isEmpty()) {
			reschedule(resumed.caseId(), now);
			return;
		}
		system(() -> tasks.cancelFromSource(source(c.id()), "replaced by the next follow-up"));
		createTask(c.id(), c.patient(), c.caseManager(), due.get());
	}

	@EventListener
	void on(CaseClosed closed) {
		List<UUID> open = jdbc.sql("""
				select id from task where case_id = ? and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')""")
			.param(closed.caseId().value()).query(UUID.class).list();
		system(() -> open.forEach(id -> tasks.cancel(new org.caremap.task.TaskId(id), "case closed: " + closed.reason())));
	}

	@EventListener
	void on(CaseAssigned assigned) {
		if (assigned.previous() == null) return;
		List<UUID> theirs = jdbc.sql("""
				select id from task where case_id = ? and owner_user_id = ?
				and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')""")
			.params(assigned.caseId().value(), assigned.previous().value()).query(UUID.class).list();
		system(() -> theirs.forEach(id -> tasks.reassign(new org.caremap.task.TaskId(id), assigned.caseManager(), null,
				"case reassigned: " + assigned.reason())));
	}

	/** A contact reached the patient: the follow-up clock is met (or missed) and starts again from the contact. */
	@Override
	public void contactReached(CaseId caseId, Instant at) {
		system(() -> cases.find(caseId)).ifPresent(c -> system(() -> {
			clocks.stopBuiltIn(JdbcClocks.FOLLOW_UP, subject(caseId), at, "contact reached");
			clocks.stopFor(org.caremap.task.ClockStop.FIRST_CONTACT, c.patient(), caseId, at, "contact reached");
		}));
		reschedule(caseId, at);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<TaskView> next(CaseId caseId) {
		Optional<TaskView> next = current(caseId);
		next.ifPresent(t -> {
			access.require(t.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read("Task", t.id().toString(), t.patient()));
		});
		return next;
	}

	private Optional<TaskView> current(CaseId caseId) {
		return jdbc.sql("""
				select * from task where source = ? and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')
				order by due_at limit 1""")
			.param(source(caseId))
			.query((rs, n) -> JdbcTasks.read(rs))
			.optional();
	}

	private void reschedule(CaseId caseId, Instant from) {
		CaseView c = system(() -> cases.find(caseId).orElseThrow());
		if (c.status() != org.caremap.caseload.CaseStatus.ACTIVE) return; // a held or closed case has no cadence
		int days = programs.find(c.program()).orElseThrow().contactEveryDays();
		system(() -> tasks.cancelFromSource(source(caseId), "replaced by the next follow-up"));
		schedule(caseId, c.patient(), c.caseManager(), c.program(), days, from);
	}

	/** Starts the case's follow-up clock (the program's cadence, in calendar days) and its task, due when it is. */
	private void schedule(CaseId caseId, PatientId patient, UserId owner, org.caremap.program.ProgramId program, int days,
			Instant from) {
		Instant due = system(() -> {
			clocks.ensureBuiltIn(program);
			clocks.followProgramCadence(program, days);
			return clocks.startBuiltIn(JdbcClocks.FOLLOW_UP, program, patient, caseId, subject(caseId), from, days);
		});
		createTask(caseId, patient, owner, due);
	}

	private void createTask(CaseId caseId, PatientId patient, UserId owner, Instant due) {
		system(() -> tasks.create(new NewTask(patient, caseId, TaskType.OUTREACH_CALL, "Follow-up contact", null, owner,
				null, TaskPriority.ROUTINE, null, due, source(caseId)).titled("task.title.followUpContact")));
	}

	private static <T> T system(java.util.function.Supplier<T> work) {
		return SystemActor.call("cadence", List.of("SYSTEM", "SUPERVISOR"), work);
	}

	private static void system(Runnable work) {
		SystemActor.run("cadence", List.of("SYSTEM", "SUPERVISOR"), work);
	}
}
