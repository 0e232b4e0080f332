package org.caremap.task.internal;

import java.util.List;

import org.caremap.shared.SystemActor;
import org.caremap.team.CoverEnded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A cover period or an on-call shift ended: the work given to the person under it that is still open (and still
 * theirs) goes back to whom it was meant for, who can see on "My day" what was handled for them meanwhile. Work
 * already done stays done. Runs again harmlessly (returned work is marked).
 */
@Component
class CoverWork {

	private final JdbcTasks tasks;

	CoverWork(JdbcTasks tasks) {
		this.tasks = tasks;
	}

	@ApplicationModuleListener
	void on(CoverEnded event) {
		SystemActor.run("cover-work", List.of("SYSTEM"), () -> tasks.returnActing(event.ref(),
				event.kind() == org.caremap.team.Cover.Kind.ON_CALL ? "On-call shift ended: back to its owner"
						: "Cover ended: back to its owner"));
	}
}
