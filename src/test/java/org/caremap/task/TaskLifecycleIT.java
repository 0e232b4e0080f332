package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.caremap.access.PatientAccess;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Tasks: the lifecycle against a table written here, team queues claimed once, "My day" ranked by lateness. */
class TaskLifecycleIT extends IntegrationTest {

	enum Action { START, COMPLETE, HOLD, RESUME, CANCEL, FAIL }

	static final Map<String, Map<Action, String>> TABLE = new LinkedHashMap<>();

	static {
		TABLE.put("READY", Map.of(Action.START, "IN_PROGRESS", Action.COMPLETE, "COMPLETED", Action.HOLD, "ON_HOLD",
				Action.CANCEL, "CANCELLED", Action.FAIL, "FAILED"));
		TABLE.put("IN_PROGRESS", Map.of(Action.COMPLETE, "COMPLETED", Action.HOLD, "ON_HOLD", Action.CANCEL, "CANCELLED",
				Action.FAIL, "FAILED"));
		TABLE.put("ON_HOLD", Map.of(Action.RESUME, "READY", Action.CANCEL, "CANCELLED"));
		TABLE.put("COMPLETED", Map.of());
		TABLE.put("CANCELLED", Map.of());
		TABLE.put("FAILED", Map.of());
	}

	@Autowired Tasks tasks;
	@Autowired PatientAccess access;
	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired org.caremap.demo.DemoLogins logins;

	Actors actors;
	UserId dana;
	PatientId patient;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		dana = accounts.findByUsername("casemanager").orElseThrow().id();
		patient = access.patientsOf(dana).iterator().next();
	}

	private TaskId newTask(UserId owner, UUID team, Instant due, TaskPriority priority, String title) {
		return actors.as("casemanager", () -> tasks.create(new NewTask(patient, null, TaskType.OUTREACH_CALL, title, null,
				owner, team, priority, null, due, null)));
	}

	private String status(TaskId id) {
		return jdbc.sql("select status from task where id = ?").param(id.value()).query(String.class).single();
	}

	@Test
	void everyStatusAndActionFollowsTheTable() {
		for (var row : TABLE.entrySet()) {
			for (Action action : Action.values()) {
				TaskId id = newTask(dana, null, Instant.now().plus(Duration.ofDays(1)), TaskPriority.ROUTINE, "walk");
				reach(id, row.getKey());
				String expected = row.getValue().get(action);
				String cell = row.getKey() + " --" + action + "--> " + (expected == null ? "refused" : expected);
				try {
					actors.run("casemanager", () -> perform(id, action));
					if (expected == null) fail("allowed but the table refuses it: " + cell);
				}
				catch (DomainException ex) {
					if (expected != null) fail("refused but the table allows it: " + cell + " " + ex.getMessage());
					assertThat(ex.code()).as(cell).isEqualTo("task.illegal-transition");
				}
				assertThat(status(id)).as(cell).isEqualTo(expected == null ? row.getKey() : expected);
			}
		}
	}

	private void reach(TaskId id, String state) {
		switch (state) {
			case "READY" -> { }
			case "IN_PROGRESS" -> actors.run("casemanager", () -> tasks.start(id));
			case "ON_HOLD" -> actors.run("casemanager", () -> tasks.hold(id, "waiting for the pharmacy"));
			case "COMPLETED" -> actors.run("casemanager", () -> tasks.complete(id, "reached the patient"));
			case "CANCELLED" -> actors.run("casemanager", () -> tasks.cancel(id, "no longer needed"));
			case "FAILED" -> actors.run("casemanager", () -> tasks.fail(id, "wrong number"));
			default -> throw new IllegalArgumentException(state);
		}
		assertThat(status(id)).isEqualTo(state);
	}

	private void perform(TaskId id, Action action) {
		switch (action) {
			case START -> tasks.start(id);
			case COMPLETE -> tasks.complete(id, "done");
			case HOLD -> tasks.hold(id, "on hold");
			case RESUME -> tasks.resume(id, "back on");
			case CANCEL -> tasks.cancel(id, "cancelled");
			case FAIL -> tasks.fail(id, "failed");
		}
	}

	@Test
	void myDayPutsTheLatestWorkFirst() {
		TaskId lateUrgent = newTask(dana, null, Instant.now().minus(Duration.ofDays(9)), TaskPriority.URGENT, "nine days late");
		TaskId late = newTask(dana, null, Instant.now().minus(Duration.ofDays(8)), TaskPriority.ROUTINE, "eight days late");
		TaskId later = newTask(dana, null, Instant.now().plus(Duration.ofDays(40)), TaskPriority.ROUTINE, "next month");
		List<WorklistRow> all = actors.as("casemanager", () -> tasks.myDay(dana));
		// the patient's rows stand together, so their order is the ranking itself
		int first = all.indexOf(all.stream().filter(r -> r.patient().equals(patient) && !r.teamQueue()).findFirst().orElseThrow());
		List<WorklistRow> rows = all.stream().filter(r -> r.patient().equals(patient) && !r.teamQueue()).toList();
		assertThat(all.subList(first, first + rows.size())).isEqualTo(rows);
		List<TaskId> order = rows.stream().map(r -> r.task().id()).toList();
		// the latest first: nine days late before eight days late before next month
		assertThat(order.indexOf(lateUrgent)).isLessThan(order.indexOf(late));
		assertThat(order.indexOf(late)).isLessThan(order.indexOf(later));
		// ahead of the nine-days-late task only safety work (a safety follow-up, anything STAT) or work later still
		WorklistRow nine = rows.get(order.indexOf(lateUrgent));
		assertThat(rows.subList(0, order.indexOf(lateUrgent))).allSatisfy(r -> assertThat(
				r.task().priority() == TaskPriority.STAT || r.task().type() == TaskType.SAFETY_FOLLOW_UP
						|| r.minutesLate() >= nine.minutesLate()).isTrue());
		// and between the two only work between nine and eight days late
		WorklistRow eight = rows.get(order.indexOf(late));
		assertThat(rows.subList(order.indexOf(lateUrgent) + 1, order.indexOf(late))).allSatisfy(r -> assertThat(
				r.minutesLate() <= nine.minutesLate() && r.minutesLate() >= eight.minutesLate()).isTrue());
		assertThat(nine.bucket()).isEqualTo(WorklistRow.Bucket.OVERDUE);
		assertThat(nine.minutesLate()).isGreaterThanOrEqualTo(9 * 24 * 60 - 1);
		assertThat(nine.patientName()).isNotBlank();
	}

	@Test
	void theDayListsTheNextSevenDaysAndCountsLaterWork() {
		TaskId soon = newTask(dana, null, Instant.now().plus(Duration.ofDays(6)), TaskPriority.ROUTINE, "in six days");
		TaskId later = newTask(dana, null, Instant.now().plus(Duration.ofDays(9)), TaskPriority.ROUTINE, "in nine days");
		Instant horizon = Instant.now().plus(Duration.ofDays(7));
		List<TaskId> week = actors.as("casemanager", () -> tasks.myDay(dana, horizon)).stream().map(r -> r.task().id()).toList();
		assertThat(week).contains(soon).doesNotContain(later);
		assertThat(actors.as("casemanager", () -> tasks.myDay(dana)).stream().map(r -> r.task().id())).contains(soon, later);
		long counted = actors.as("casemanager", () -> tasks.openFrom(dana, horizon));
		long expected = jdbc.sql("""
				select count(*) from task where owner_user_id = ? and due_at >= ?
				  and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')""")
			.params(dana.value(), java.sql.Timestamp.from(horizon)).query(Long.class).single();
		assertThat(counted).isEqualTo(expected).isGreaterThanOrEqualTo(1);
		// another user's count is not to be had
		assertThatThrownBy(() -> actors.as("casemanager2", () -> tasks.openFrom(dana, horizon)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);

		org.caremap.support.Browserless page = new org.caremap.support.Browserless("http://localhost:" + port);
		page.login("casemanager", logins.password("casemanager").orElseThrow());
		String day = page.get("/myday").body();
		// the page's list runs through the end of the seventh day from today in the organisation's zone
		java.time.ZoneId zone = organizations.primary().orElseThrow().zone();
		Instant endOfSeventhDay = java.time.LocalDate.now(zone).plusDays(8).atStartOfDay(zone).toInstant();
		long onPage = actors.as("casemanager", () -> tasks.openFrom(dana, endOfSeventhDay));
		assertThat(day).contains("task-" + soon.value()).doesNotContain("task-" + later.value())
			.contains(onPage + " due after the next 7 days").contains("href=\"/myday?all=true\"");
		assertThat(page.get("/myday?all=true").body()).contains("task-" + soon.value(), "task-" + later.value());
	}

	@Test
	void aQueuedTaskIsClaimedByExactlyOneOfTwo() throws Exception {
		UUID team = organizations.teamsOf(dana).iterator().next();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 10; round++) {
				TaskId id = newTask(null, team, Instant.now().plus(Duration.ofHours(4)), TaskPriority.ROUTINE, "queued");
				CyclicBarrier barrier = new CyclicBarrier(2);
				List<Future<Boolean>> claims = List.of("casemanager", "casemanager2").stream()
					.map(user -> pool.submit(() -> {
						barrier.await(10, TimeUnit.SECONDS);
						try {
							actors.run(user, () -> tasks.claim(id));
							return true;
						}
						catch (DomainException ex) {
							assertThat(ex.code()).isEqualTo("task.already-claimed");
							return false;
						}
					}))
					.toList();
				boolean first = claims.get(0).get(30, TimeUnit.SECONDS);
				boolean second = claims.get(1).get(30, TimeUnit.SECONDS);
				assertThat(first ^ second).as("round %d: one claim wins", round).isTrue();
				assertThat(jdbc.sql("select owner_user_id is not null from task where id = ?").param(id.value())
					.query(Boolean.class).single()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
