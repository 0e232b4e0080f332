package org.caremap.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.measure.MeasureOutOfRange;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work a self-reported measure out of its program's limits makes: a call for the case manager of the patient's
 * open case in that program, due the next day. It runs after the measure's transaction committed and may run again:
 * the task is keyed by {@code measure:<reading id>} and made once.
 */
@Component
class MeasureWork {

	private static final String ACTOR = "measure-work";

	private final JdbcTasks tasks;
	private final Cases cases;

	MeasureWork(JdbcTasks tasks, Cases cases) {
		this.tasks = tasks;
		this.cases = cases;
	}

	static String source(MeasureOutOfRange event) {
		return "measure:" + event.reading();
	}

	@ApplicationModuleListener
	void on(MeasureOutOfRange event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = source(event);
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			Optional<CaseView> open = cases.ofPatient(event.patient()).stream()
				.filter(c -> c.status() != CaseStatus.CLOSED && c.program().equals(event.program())).findFirst();
			if (open.isEmpty()) return;
			tasks.create(new NewTask(event.patient(), open.get().id(), TaskType.OUTREACH_CALL,
					"Reading out of range: " + event.kind().display() + " " + event.figures() + " " + event.unit(),
					"The " + event.source().name().toLowerCase(java.util.Locale.ROOT) + " entered " + event.figures() + " "
							+ event.unit() + " taken at " + event.takenAt() + "; the program's limits are " + event.limits()
							+ ". Call the patient about the reading.",
					open.get().caseManager(), null, TaskPriority.URGENT, null, Instant.now().plus(Duration.ofDays(1)), source)
				.titled("task.title.measureOutOfRange." + event.kind().name(), event.figures()));
		});
	}
}
