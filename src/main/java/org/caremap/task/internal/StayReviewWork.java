package org.caremap.task.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.caremap.shared.DomainException;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.utilization.ConcurrentReviews;
import org.caremap.utilization.StayReviewClosed;
import org.caremap.utilization.StayReviewOpened;
import org.caremap.utilization.StayReviewRecorded;
import org.caremap.utilization.StayReviewStatus;
import org.caremap.utilization.StayReviewerChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work of a concurrent review, from the utilization module's events: while a stay is under review its reviewer
 * has one open task, due at the end of the next review date; recording the review completes it and opens the next
 * one; giving the stay to another reviewer moves it; the discharge (or a cancelled admission) cancels it.
 * <p>
 * Every event is answered the same way: the review is asked where it stands now and the work is made to match
 * (the task of the current round is {@code stay-review:<review>:<round>}; the round changes with each recorded review
 * and each reopening), under a hold on the review, so events seen twice, late or out of order make nothing twice and
 * leave nothing open.
 */
@Component
class StayReviewWork {

	private static final String ACTOR = "concurrent-review-work";
	private static final String OPEN = "('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD')";

	private final JdbcTasks tasks;
	private final ConcurrentReviews reviews;
	private final Organizations organizations;
	private final JdbcClient jdbc;

	StayReviewWork(JdbcTasks tasks, ConcurrentReviews reviews, Organizations organizations, JdbcClient jdbc) {
		this.tasks = tasks;
		this.reviews = reviews;
		this.organizations = organizations;
		this.jdbc = jdbc;
	}

	static String prefix(UUID review) {
		return "stay-review:" + review + ":";
	}

	@ApplicationModuleListener
	void on(StayReviewOpened event) {
		follow(event.review());
	}

	@ApplicationModuleListener
	void on(StayReviewRecorded event) {
		follow(event.review());
	}

	@ApplicationModuleListener
	void on(StayReviewerChanged event) {
		follow(event.review());
	}

	@ApplicationModuleListener
	void on(StayReviewClosed event) {
		follow(event.review());
	}

	private record OpenTask(UUID id, String source, UUID owner) {
	}

	private void follow(UUID review) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String prefix = prefix(review);
			tasks.holdSource(prefix);
			Optional<ConcurrentReviews.ReviewState> found = reviews.state(review);
			List<OpenTask> open = jdbc.sql("select id, source, owner_user_id from task where source like ? and status in " + OPEN)
				.param(prefix.replace("_", "\\_").replace("%", "\\%") + "%")
				.query((rs, n) -> new OpenTask(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class))).list();
			if (found.isEmpty() || found.get().status() != StayReviewStatus.OPEN) {
				TaskText why = TaskText.of(found.map(s -> s.status() == StayReviewStatus.CLOSED ? "task.note.stayDischarged"
						: "task.note.stayCancelled").orElse("task.note.reviewGone"));
				for (OpenTask t : open) tasks.cancelFromSource(t.source(), why);
				return;
			}
			ConcurrentReviews.ReviewState state = found.get();
			String current = prefix + state.round();
			for (OpenTask t : open) {
				if (t.source().equals(current)) continue;
				// an earlier round: a review was recorded since (or the stay was reopened)
				if (state.reviews() > 0) tasks.completeFromSource(t.source(), TaskText.of("task.note.reviewRecorded"));
				else tasks.cancelFromSource(t.source(), TaskText.of("task.note.reviewReplaced"));
			}
			if (state.reviewer() == null) return; // nobody reviews the stay yet: the supervisor assigns someone
			Optional<OpenTask> mine = open.stream().filter(t -> t.source().equals(current)).findFirst();
			if (mine.isPresent()) {
				if (!state.reviewer().value().equals(mine.get().owner())) {
					tasks.reassign(new TaskId(mine.get().id()), state.reviewer(), null, "The stay's review went to another reviewer");
				}
				return;
			}
			if (tasks.madeFrom(current)) return;
			BusinessCalendar calendar = calendar();
			LocalDate due = state.nextReviewOn();
			String title = (state.reviews() == 0 ? "First concurrent review of the stay at " : "Concurrent review of the stay at ")
					+ state.facility();
			tasks.create(new NewTask(state.patient(), null, TaskType.CONCURRENT_REVIEW, title,
					null,
					state.reviewer(), null, TaskPriority.ROUTINE, null, calendar.endOfDay(due), current)
				.titled(state.reviews() == 0 ? "task.title.firstStayReview" : "task.title.stayReview", state.facility())
				.described("task.description.stayReview", TaskText.argument(due)));
		});
	}

	private BusinessCalendar calendar() {
		var org = organizations.primary().orElseThrow(() -> new DomainException("organization.missing", "no organisation"));
		return organizations.calendar(org.id());
	}
}
