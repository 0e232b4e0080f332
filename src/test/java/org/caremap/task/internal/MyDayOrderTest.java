package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskType;
import org.caremap.task.TaskView;
import org.caremap.task.WorklistRow;
import org.junit.jupiter.api.Test;

/** The order of "My day": safety work, then late work by lateness, then the rest by due time; a patient's rows together. */
class MyDayOrderTest {

	static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
	final PatientId ann = new PatientId(UUID.randomUUID());
	final PatientId bob = new PatientId(UUID.randomUUID());
	final PatientId cy = new PatientId(UUID.randomUUID());

	private static WorklistRow row(PatientId patient, String title, TaskType type, TaskPriority priority, Duration fromNow,
			boolean queue) {
		Instant due = NOW.plus(fromNow);
		TaskView task = new TaskView(new TaskId(UUID.randomUUID()), patient, null, type, title, null, null, null,
				TaskStatus.READY, priority, null, due, null, null, null);
		WorklistRow.Bucket bucket = queue ? WorklistRow.Bucket.QUEUE
				: due.isBefore(NOW) ? WorklistRow.Bucket.OVERDUE : WorklistRow.Bucket.UPCOMING;
		return new WorklistRow(task, patient, title, 50, "English", null, queue, bucket,
				Math.max(0, Duration.between(due, NOW).toMinutes()));
	}

	private static List<String> titles(List<WorklistRow> rows) {
		return rows.stream().map(r -> r.task().title()).toList();
	}

	@Test
	void safetyWorkComesFirstThenLateWorkByLatenessThenTheRestByDueTime() {
		List<WorklistRow> rows = List.of(
				row(ann, "call due tomorrow", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE, Duration.ofDays(1), false),
				row(bob, "call three days late", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE, Duration.ofDays(-3), false),
				row(cy, "safety in an hour", TaskType.SAFETY_FOLLOW_UP, TaskPriority.ASAP, Duration.ofHours(1), false),
				row(ann, "queue call", TaskType.OUTREACH_CALL, TaskPriority.STAT, Duration.ofDays(-9), true),
				row(bob, "stat visit in two days", TaskType.VISIT, TaskPriority.STAT, Duration.ofDays(2), false),
				row(cy, "call one day late", TaskType.OUTREACH_CALL, TaskPriority.URGENT, Duration.ofDays(-1), false));
		assertThat(titles(JdbcTasks.ranked(rows))).containsExactly("safety in an hour", "stat visit in two days",
				"call three days late", "call one day late", "call due tomorrow", "queue call");
	}

	@Test
	void aPatientsRowsStandTogetherWhereTheMostUrgentOfThemRanks() {
		List<WorklistRow> rows = List.of(
				row(ann, "ann due tomorrow", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE, Duration.ofDays(1), false),
				row(bob, "bob three days late", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE, Duration.ofDays(-3), false),
				row(ann, "ann safety", TaskType.SAFETY_FOLLOW_UP, TaskPriority.STAT, Duration.ofHours(-1), false),
				row(cy, "cy one day late", TaskType.OUTREACH_CALL, TaskPriority.ROUTINE, Duration.ofDays(-1), false),
				row(bob, "bob next week", TaskType.VISIT, TaskPriority.ROUTINE, Duration.ofDays(6), false));
		assertThat(titles(JdbcTasks.byPatient(JdbcTasks.ranked(rows)))).containsExactly("ann safety", "ann due tomorrow",
				"bob three days late", "bob next week", "cy one day late");
	}
}
