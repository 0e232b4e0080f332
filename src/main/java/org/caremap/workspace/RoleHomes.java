package org.caremap.workspace;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.caremap.access.PatientAccess;
import org.caremap.caseload.CaseManagerLoad;
import org.caremap.caseload.CaseloadQuery;
import org.caremap.caseload.Cases;
import org.caremap.identity.CurrentUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.notification.Notifications;
import org.caremap.patient.PatientHeader;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.referral.QueueEntry;
import org.caremap.referral.QueueFilter;
import org.caremap.referral.ReferralStatus;
import org.caremap.referral.Referrals;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.task.DueCount;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.caremap.task.WorklistRow;
import org.springframework.stereotype.Component;

/**
 * What each role's home shows, read through the owning modules' APIs, each list bounded: the case manager's day
 * (from the worklist of "My day"), the supervisor's team (loads, late work, escalations, discharge calls), intake's
 * queue (the most urgent and longest waiting first).
 */
@Component
class RoleHomes {

	/** Rows a section of a home shows; the rest is one link away (My day, the queue). */
	static final int ROWS = 8;
	/** The week a case manager's home looks ahead. */
	static final int AHEAD_DAYS = 7;
	/** Rows of intake's queue on the home page. */
	static final int QUEUE_ROWS = 20;

	/** One section of the case manager's home: its rows, and how many there are in all. */
	record Section(String key, List<WorklistRow> rows, int total) {

		public int more() {
			return total - rows.size();
		}
	}

	record CaseManagerHome(List<Section> sections, long queue, long openCases) {
	}

	/** One person on the supervisor's team: their caseload and their open work. */
	record Member(UserId id, String name, int cases, int weight, int highOrComplex, long overdue, long dueToday) {
	}

	/** A task shown to a supervisor: whose patient, whose work. */
	record TaskLine(TaskView task, String patientName, String owner, long minutesLate) {
	}

	record SupervisorHome(List<Member> team, List<TaskLine> escalations, List<TaskLine> transitions, long waiting) {
	}

	/** A referral waiting for intake, and how long it has waited. */
	record Waiting(QueueEntry entry, String patientName, String program, Duration waited) {
	}

	record IntakeHome(List<Waiting> queue, long waiting, long screening) {
	}

	/** The home of a role without a worklist of its own: a few figures and the places it starts from. */
	record Panel(Role role, List<Figure> figures, List<Link> links) {
	}

	record Figure(String labelKey, long value) {
	}

	record Link(String labelKey, String href, String icon) {
	}

	private final Tasks tasks;
	private final Cases cases;
	private final Referrals referrals;
	private final PatientRegistry patients;
	private final PatientAccess access;
	private final UserAccounts accounts;
	private final Programs programs;
	private final Notifications notifications;
	private final Dates dates;

	RoleHomes(Tasks tasks, Cases cases, Referrals referrals, PatientRegistry patients, PatientAccess access,
			UserAccounts accounts, Programs programs, Notifications notifications, Dates dates) {
		this.tasks = tasks;
		this.cases = cases;
		this.referrals = referrals;
		this.patients = patients;
		this.access = access;
		this.accounts = accounts;
		this.programs = programs;
		this.notifications = notifications;
		this.dates = dates;
	}

	/** Safety work, late work, today's work and the week's visits and calls: the worklist of My day, cut in four. */
	CaseManagerHome caseManager(CurrentUser me) {
		ZoneId zone = dates.zone();
		Instant horizon = LocalDate.now(zone).plusDays(AHEAD_DAYS + 1).atStartOfDay(zone).toInstant();
		List<WorklistRow> rows = tasks.myDay(me.id(), horizon);
		Predicate<WorklistRow> safety = r -> !r.teamQueue() && safety(r.task());
		List<WorklistRow> byDue = byDue(rows);
		List<Section> sections = List.of(
				section("safety", rows, safety),
				section("overdue", rows, safety.negate().and(r -> r.bucket() == WorklistRow.Bucket.OVERDUE)),
				section("today", byDue, safety.negate().and(r -> r.bucket() == WorklistRow.Bucket.DUE_TODAY)),
				section("upcoming", byDue, safety.negate().and(r -> r.bucket() == WorklistRow.Bucket.UPCOMING)));
		long queue = rows.stream().filter(WorklistRow::teamQueue).count();
		// the count alone (no rows): the caseload's own index
		long open = cases.caseload(me.id(), new CaseloadQuery(null, null, null, null, CaseloadQuery.Order.START), 0, 0).total();
		return new CaseManagerHome(sections, queue, open);
	}

	/**
	 * Today's and the week's work on the home page: one's own before the team queue's, each by due time (My day
	 * groups a patient's tasks together; the home page names the patient on each row and shows only the first few).
	 */
	private static List<WorklistRow> byDue(List<WorklistRow> rows) {
		return rows.stream()
			.sorted(java.util.Comparator.comparing(WorklistRow::teamQueue)
				.thenComparing(r -> r.task().due(), java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
			.toList();
	}

	/** A safety follow-up (an assessment's urgent answer) or anything to do immediately. */
	static boolean safety(TaskView task) {
		return task.type() == TaskType.SAFETY_FOLLOW_UP || task.priority() == TaskPriority.STAT;
	}

	private static Section section(String key, List<WorklistRow> rows, Predicate<WorklistRow> in) {
		List<WorklistRow> all = rows.stream().filter(in).toList();
		return new Section(key, all.stream().limit(ROWS).toList(), all.size());
	}

	/** Late and due work per person with their caseloads; work escalated; the calls owed after a discharge. */
	SupervisorHome supervisor(CurrentUser me) {
		ZoneId zone = dates.zone();
		LocalDate today = LocalDate.now(zone);
		List<DueCount> due = tasks.dueCounts(today.atStartOfDay(zone).toInstant(),
				today.plusDays(1).atStartOfDay(zone).toInstant());
		List<CaseManagerLoad> loads = cases.loads(null);
		Map<UserId, CaseManagerLoad> loadOf = loads.stream()
			.collect(Collectors.toMap(CaseManagerLoad::caseManager, l -> l, (a, b) -> a));
		Map<UserId, DueCount> dueOf = due.stream().collect(Collectors.toMap(DueCount::user, d -> d, (a, b) -> a));
		List<TaskView> escalated = tasks.escalated(ROWS);
		List<TaskView> calls = tasks.transitionCallsDue(ROWS);
		Set<UserId> people = new java.util.LinkedHashSet<>(loadOf.keySet());
		people.addAll(dueOf.keySet());
		Stream.concat(escalated.stream(), calls.stream()).map(TaskView::ownerUser).filter(Objects::nonNull)
			.forEach(people::add);
		Map<UserId, String> names = accounts.displayNames(people);
		// everyone with a caseload or open work; the owners of the lines below only lend their names
		List<Member> team = new ArrayList<>();
		for (UserId person : people) {
			if (loadOf.containsKey(person) || dueOf.containsKey(person)) team.add(member(person, names, loadOf, dueOf));
		}
		team.sort(Comparator.comparingLong(Member::overdue).reversed()
			.thenComparing(Comparator.comparingInt(Member::weight).reversed())
			.thenComparing(Member::name));
		Map<PatientId, PatientHeader> headers = headers(Stream.concat(escalated.stream(), calls.stream())
			.map(TaskView::patient).toList());
		Instant now = Instant.now();
		return new SupervisorHome(team, lines(escalated, headers, names, now), lines(calls, headers, names, now),
				referrals.waiting());
	}

	private static Member member(UserId person, Map<UserId, String> names, Map<UserId, CaseManagerLoad> loadOf,
			Map<UserId, DueCount> dueOf) {
		CaseManagerLoad load = loadOf.get(person);
		DueCount count = dueOf.get(person);
		return new Member(person, names.getOrDefault(person, ""), load == null ? 0 : load.cases(),
				load == null ? 0 : load.weight(), load == null ? 0 : load.high() + load.complex(),
				count == null ? 0 : count.overdue(), count == null ? 0 : count.dueToday());
	}

	private List<TaskLine> lines(List<TaskView> found, Map<PatientId, PatientHeader> headers, Map<UserId, String> names,
			Instant now) {
		List<TaskLine> lines = new ArrayList<>();
		for (TaskView t : found) {
			PatientHeader h = headers.get(t.patient());
			if (h == null) continue;
			long late = t.due() == null ? 0 : Math.max(0, Duration.between(t.due(), now).toMinutes());
			lines.add(new TaskLine(t, h.displayName(), t.ownerUser() == null ? "" : names.getOrDefault(t.ownerUser(), ""), late));
		}
		return lines;
	}

	private Map<PatientId, PatientHeader> headers(Collection<PatientId> ids) {
		return ids.isEmpty() ? Map.of() : patients.headers(ids.stream().distinct().toList());
	}

	/** The referrals waiting to be claimed: the most urgent first, then the longest waiting. */
	IntakeHome intake(CurrentUser me) {
		List<QueueEntry> entries = referrals.queue(new QueueFilter(Set.of(ReferralStatus.RECEIVED), null, null, null,
				QUEUE_ROWS));
		Map<PatientId, PatientHeader> headers = headers(entries.stream().map(QueueEntry::patient).toList());
		Map<ProgramId, String> programNames = programs.all().stream()
			.collect(Collectors.toMap(ProgramView::id, ProgramView::name, (a, b) -> a, LinkedHashMap::new));
		Instant now = Instant.now();
		List<Waiting> queue = entries.stream()
			.map(e -> new Waiting(e, headers.containsKey(e.patient()) ? headers.get(e.patient()).displayName() : "",
					programNames.getOrDefault(e.program(), ""), Duration.between(e.receivedAt(), now)))
			.toList();
		return new IntakeHome(queue, referrals.waiting(), referrals.screenedBy(me.id()));
	}

	/** Administrators, care teams and reviewers: their figures and the places they start from. */
	Panel panel(CurrentUser me, Role role) {
		return switch (role) {
			case ADMIN -> new Panel(role,
					List.of(new Figure("home.figure.users", accounts.count()),
							new Figure("home.figure.programs", programs.active().size())),
					List.of(new Link("nav.admin.users", "/admin/users", "bi-people"),
							new Link("nav.admin.programs", "/admin/programs", "bi-collection"),
							new Link("nav.admin.instruments", "/admin/instruments", "bi-clipboard2-pulse"),
							new Link("nav.admin.calendar", "/admin/calendar", "bi-calendar3"),
							new Link("nav.admin.adt", "/transitions/messages", "bi-hospital"),
							new Link("nav.admin.apiClients", "/admin/api-clients", "bi-key"),
							new Link("nav.admin.audit", "/admin/audit", "bi-shield-check")));
			case UTILIZATION_REVIEW -> new Panel(role,
					List.of(new Figure("home.figure.myPatients", access.patientsOf(me.id()).size()),
							new Figure("home.figure.unread", notifications.unreadCount(me.id()))),
					List.of(new Link("nav.reviews", "/reviews", "bi-hospital"),
							new Link("nav.myday", "/myday", "bi-list-check"),
							new Link("nav.patients", "/patients", "bi-search"),
							new Link("nav.notifications", "/notifications", "bi-bell")));
			default -> new Panel(role,
					List.of(new Figure("home.figure.myPatients", access.patientsOf(me.id()).size()),
							new Figure("home.figure.unread", notifications.unreadCount(me.id()))),
					List.of(new Link("nav.myday", "/myday", "bi-list-check"),
							new Link("nav.patients", "/patients", "bi-search"),
							new Link("nav.notifications", "/notifications", "bi-bell")));
		};
	}
}
