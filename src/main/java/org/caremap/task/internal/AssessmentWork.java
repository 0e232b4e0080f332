package org.caremap.task.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.caremap.assessment.AssessmentAssigned;
import org.caremap.assessment.AssessmentCancelled;
import org.caremap.assessment.AssessmentCompleted;
import org.caremap.assessment.Assessments;
import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work assessments make, from the assessment module's events: an assigned assessment is a task on its owner's
 * day until it is completed, cancelled or expired; a completed one makes the follow-up work its instrument's rules ask
 * for (a positive PHQ-9 item 9 makes a STAT safety follow-up). Each listener runs after the assessment's transaction
 * committed and may run again after a crash: work is keyed by the assessment (and the rule's title), so nothing is
 * made twice.
 */
@Component
class AssessmentWork {

	private static final String ACTOR = "assessment-work";

	private final JdbcTasks tasks;
	private final Organizations organizations;
	private final Assessments assessments;

	AssessmentWork(JdbcTasks tasks, Organizations organizations, Assessments assessments) {
		this.tasks = tasks;
		this.organizations = organizations;
		this.assessments = assessments;
	}

	static String source(java.util.UUID assessment) {
		return "assessment:" + assessment;
	}

	@ApplicationModuleListener
	void on(AssessmentAssigned event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = source(event.assessment());
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			// completed, cancelled or expired before this ran (its own listener found no task to close): no task
			boolean open = assessments.find(event.assessment()).map(a -> a.status().open()).orElse(false);
			if (!open) return;
			tasks.create(new NewTask(event.patient(), event.caseId(), TaskType.ASSESSMENT_DUE, "Complete " + event.instrumentTitle(),
					null, event.owner(), null, TaskPriority.ROUTINE, null, event.due(), source)
				.titled("task.title.complete", event.instrumentTitle()));
		});
	}

	@ApplicationModuleListener
	void on(AssessmentCompleted event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			tasks.holdSource(source(event.assessmentId()));
			tasks.completeFromSource(source(event.assessmentId()), TaskText.of("task.note.assessmentCompleted", event.instrumentTitle()));
			if (event.owner() == null) return;
			LocalDate today = LocalDate.now(organizations.primary().map(o -> o.zone()).orElse(java.time.ZoneOffset.UTC));
			for (AssessmentCompleted.FollowUp spec : event.followUps()) {
				String source = "assessment-rule:" + event.assessmentId() + ":" + spec.title();
				if (tasks.madeFrom(source)) continue;
				NewTask task = new NewTask(event.patient(), event.caseId(), TaskType.SAFETY_FOLLOW_UP, spec.title(),
						null, event.owner(), null, TaskPriority.valueOf(spec.priority()),
						null, Instant.now().plusSeconds(spec.dueHours() * 3600L), source)
					.described("task.description.assessmentCompleted", event.instrumentTitle(), TaskText.argument(today));
				tasks.create(spec.titleKey() == null ? task : task.titled(spec.titleKey()));
			}
		});
	}

	@ApplicationModuleListener
	void on(AssessmentCancelled event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			tasks.holdSource(source(event.assessment()));
			tasks.cancelFromSource(source(event.assessment()), event.reason());
		});
	}
}
