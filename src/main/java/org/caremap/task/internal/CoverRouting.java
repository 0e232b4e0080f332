package org.caremap.task.internal;

import java.time.Instant;
import java.util.Optional;

import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.program.ProgramId;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.UserId;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.team.Cover;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who gets work Caremap makes for an owner (the one place the task module chooses an owner; a person who gives a task
 * to a named colleague chooses for themselves): after hours, STAT work goes to whoever is on call for the patient's
 * program (their cover when they are away; when that is the owner, the owner's own cover rule applies); otherwise
 * work for an owner who is away goes to their cover, when it falls due (or may start) before the cover ends. The person acting is let into the patient's record for the time of the arrangement.
 */
@Component
class CoverRouting {

	/** The task as it will be made, and, when someone acts for its owner, under which arrangement and for whom. */
	record Routed(NewTask task, Cover.@Nullable Acting acting, @Nullable UserId intended) {
	}

	private final Cover cover;
	private final Cases cases;

	CoverRouting(Cover cover, Cases cases) {
		this.cover = cover;
		this.cases = cases;
	}

	Routed route(NewTask t, Instant now) {
		UserId owner = t.ownerUser();
		if (owner == null || !CurrentActor.name().startsWith("system")) return new Routed(t, null, null);
		Optional<Cover.Acting> acting = Optional.empty();
		if (t.priority() == TaskPriority.STAT && cover.afterHours(now)) {
			// whoever answers the shift (their cover when they are away); when that is the owner, as in the day
			acting = program(t).flatMap(p -> cover.onCallActing(p, now)).filter(a -> !a.person().equals(owner));
		}
		if (acting.isEmpty()) {
			Instant when = t.notBefore() != null ? t.notBefore() : t.due();
			acting = cover.acting(owner, now).filter(a -> when == null || when.isBefore(a.until()));
		}
		if (acting.isEmpty() || acting.get().person().equals(owner)) return new Routed(t, null, null);
		Cover.Acting a = acting.get();
		cover.admit(a, t.patient());
		return new Routed(new NewTask(t.patient(), t.caseId(), t.type(), t.title(), t.description(), a.person(), t.ownerTeam(),
				t.priority(), t.notBefore(), t.due(), t.source()), a, owner);
	}

	/** The program of the task's case, or of the patient's open case. */
	private Optional<ProgramId> program(NewTask t) {
		if (t.caseId() != null) {
			Optional<ProgramId> named = cases.find(t.caseId()).map(CaseView::program);
			if (named.isPresent()) return named;
		}
		return cases.ofPatient(t.patient()).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst()
			.map(CaseView::program);
	}
}
