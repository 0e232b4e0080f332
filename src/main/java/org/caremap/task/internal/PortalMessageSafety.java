package org.caremap.task.internal;

import java.time.Instant;
import java.util.List;

import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.team.PatientMessagePosted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The safety net of the portal's messages, from the team module's event: a message from the patient (or a proxy)
 * with words about self-harm makes a STAT safety follow-up for the case manager, due within the hour. Keyed by the
 * message, so an event delivered twice makes one task.
 */
@Component
class PortalMessageSafety {

	private static final String ACTOR = "portal-message-safety";

	private final JdbcTasks tasks;

	PortalMessageSafety(JdbcTasks tasks) {
		this.tasks = tasks;
	}

	static String source(java.util.UUID message) {
		return "portal-message:" + message;
	}

	@ApplicationModuleListener
	void on(PatientMessagePosted event) {
		if (!event.urgentWords()) return;
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = source(event.message());
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			tasks.create(new NewTask(event.patient(), event.caseId(), TaskType.SAFETY_FOLLOW_UP,
					"Safety check: portal message about self-harm",
					null,
					event.caseManager(), null, TaskPriority.STAT, null, Instant.now().plusSeconds(3600), source)
				.titled("task.title.portalSelfHarm")
				.described("task.description.portalSelfHarm", event.authorName(), event.subject()));
		});
	}
}
