package org.caremap.task;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Tasks and their lifecycle. Each change is allowed only as {@link TaskStatus#next()} says; a refused change
 * throws a {@code DomainException} that says why.
 */
public interface Tasks {

	/** Creates the task, unless an open task with the same source already exists (then returns that one). */
	TaskId create(NewTask task);

	Optional<TaskView> find(TaskId id);

	List<TaskView> ofPatient(PatientId patient);

	/** The patient's tasks the reader sees, and how many of a 42 CFR Part 2 program were withheld from them. */
	org.caremap.access.Part2Segment.Filtered<TaskView> ofPatientShown(PatientId patient);

	/**
	 * The patient's things to do: the open tasks the team set for the patient to do that may still be marked done
	 * (as {@link TaskStatus#next()} allows), the soonest due first. Needs READ on the record (in the portal: the
	 * patient, or a proxy whose level shows the plan); audited.
	 */
	List<TaskView> forThePatient(PatientId patient);

	/**
	 * The patient (or a proxy the patient lets act for them: CONTRIBUTE on the record) marks one of their things to do
	 * done in the portal. Only an open task for the patient of this patient is changed, guarded in SQL; the portal
	 * account is recorded as who did it, with a closing note each reader sees in their language. Returns false when it
	 * was already done (a second press of the button); an unknown task, another patient's or one the team does is not
	 * found ({@link org.caremap.shared.NotFoundException}). Refused outside a portal session.
	 */
	boolean doneByThePatient(PatientId patient, TaskId id);

	/** The task with its history in brief, authorized and audited like {@link #find}. */
	Optional<TaskRecord> record(TaskId id);

	/**
	 * Tasks matching the query, of the patients the current user may read, ordered by due time; one page of at
	 * most {@code limit} from {@code offset}, each task read audited.
	 */
	TaskPage search(TaskQuery query, int offset, int limit);

	void start(TaskId id);

	void complete(TaskId id, String outcome);

	/** Completes the task with the time it took, when entered (counted for care-management billing). */
	void complete(TaskId id, String outcome, @Nullable TimeSpent spent);

	/**
	 * A contact was logged against the task: one that reached someone completes it; one with the patient or their
	 * caregiver is the interactive contact of a transition call, and one that reached nobody is a documented attempt.
	 */
	void contactLogged(TaskId id, Instant at, boolean reached, boolean withPatientOrCaregiver, String outcome);

	void hold(TaskId id, String reason);

	void resume(TaskId id, String note);

	void cancel(TaskId id, String reason);

	void fail(TaskId id, String reason);

	/** Gives the task to another user (delegation) or to a team queue, with the reason. */
	void reassign(TaskId id, @Nullable UserId toUser, @Nullable UUID toTeam, String reason);

	/** Takes a task from one of the user's team queues. Exactly one of several people claiming at once wins. */
	void claim(TaskId id);

	/**
	 * The user's worklist: open tasks they own or can claim; safety work (a safety follow-up, anything STAT) first,
	 * then late work, the latest first, then the rest by due time; a patient's rows together, where the most urgent
	 * of them ranks; the team queues' after the user's own.
	 */
	default List<WorklistRow> myDay(UserId user) {
		return myDay(user, null);
	}

	/**
	 * The user's worklist up to a horizon: their open tasks due before it (or with no due time) and the team queues'
	 * tasks; {@code null} for all of them.
	 */
	List<WorklistRow> myDay(UserId user, @Nullable Instant horizon);

	/**
	 * The user's worklist up to a horizon ({@code null} for all of it) with the count of their own work due later and
	 * for whom rows are done, read from the task module's worklist read model in one statement; days in this zone.
	 */
	Worklist worklist(UserId user, @Nullable Instant horizon, java.time.ZoneId zone);

	/** How many of the user's own open tasks are due at or after the horizon. */
	long openFrom(UserId user, Instant horizon);

	/** Cancels the open tasks created by this source (a case closed, a cadence replaced). */
	int cancelFromSource(String source, String reason);

	/** Everyone's counts of open work due from start until end, and overdue now (people with none are left out). */
	java.util.List<DueCount> dueCounts(Instant start, Instant end);

	/**
	 * Open work escalated to the owner's supervisors (late beyond the escalation delay), the latest escalated first, of the
	 * patients the current user may read; at most {@code limit} (each read audited).
	 */
	List<TaskView> escalated(int limit);

	/**
	 * The open calls owed within 2 business days of a discharge, the soonest due (or the latest) first, of the
	 * patients the current user may read; at most {@code limit} (each read audited).
	 */
	List<TaskView> transitionCallsDue(int limit);

	/**
	 * Work meant for the user that someone acting for them (cover, on call) was given since then: done for them, still
	 * with the other person, or given back; the latest first, at most {@code limit}.
	 */
	List<HandledWork> handledFor(UserId owner, Instant since, int limit);

	/** For whom each of these tasks is being done, when someone acting for its owner has it now. */
	java.util.Map<TaskId, UserId> actingFor(java.util.Collection<TaskId> tasks);
}
