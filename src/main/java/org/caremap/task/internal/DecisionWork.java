package org.caremap.task.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.team.DecisionRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work a case conference decides: a decision with an owner and a due date becomes a task for the owner, due at the
 * end of that day in the organisation's time zone. The listener runs after the conference's transaction committed and
 * may run again after a crash: the task is keyed by {@code decision:<id>} and made once.
 */
@Component
class DecisionWork {

	private static final String ACTOR = "decision-work";
	private static final int TITLE_MAX = 200;

	private final JdbcTasks tasks;
	private final Organizations organizations;

	DecisionWork(JdbcTasks tasks, Organizations organizations) {
		this.tasks = tasks;
		this.organizations = organizations;
	}

	@ApplicationModuleListener
	void on(DecisionRecorded event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = event.source();
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC);
			Instant due = event.dueOn().atTime(17, 0).atZone(zone).toInstant();
			String title = event.text().length() <= TITLE_MAX ? event.text() : event.text().substring(0, TITLE_MAX - 1) + "…";
			tasks.create(new NewTask(event.patient(), event.caseId(), TaskType.OTHER, title,
					null, event.owner(), null, TaskPriority.ROUTINE, null, due, source)
				.described(event.text().length() > TITLE_MAX ? "task.description.decisionLong" : "task.description.decision",
						event.conferenceTitle(), TaskText.argument(event.conferenceAt().atZone(zone).toLocalDate()),
						event.recordedBy(), event.text().length() > TITLE_MAX ? event.text() : ""));
		});
	}
}
