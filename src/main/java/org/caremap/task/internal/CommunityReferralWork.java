package org.caremap.task.internal;

import java.util.List;
import java.util.Locale;

import org.caremap.community.CommunityReferralClosed;
import org.caremap.community.CommunityReferralUnanswered;
import org.caremap.community.CommunityReferralUpdated;
import org.caremap.organization.BusinessCalendar;
import org.caremap.organization.Organizations;
import org.caremap.shared.DateTexts;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The work of a community referral, from the community module's events: an organisation that did not answer in its
 * business days makes the case manager who sent the referral a follow-up task (one per referral,
 * {@code community-referral:<referral>}), due by the end of the next business day; the organisation's first answer,
 * or the referral's end, completes it.
 */
@Component
class CommunityReferralWork {

	private static final String ACTOR = "community-referral-work";

	private final JdbcTasks tasks;
	private final Organizations organizations;

	CommunityReferralWork(JdbcTasks tasks, Organizations organizations) {
		this.tasks = tasks;
		this.organizations = organizations;
	}

	static String source(java.util.UUID referral) {
		return "community-referral:" + referral;
	}

	@ApplicationModuleListener
	void on(CommunityReferralUnanswered event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> {
			String source = source(event.referral());
			tasks.holdSource(source);
			if (tasks.madeFrom(source)) return;
			BusinessCalendar calendar = organizations.primary().map(o -> organizations.calendar(o.id()))
				.orElse(new BusinessCalendar(java.time.ZoneOffset.UTC, java.util.Set.of()));
			tasks.create(new NewTask(event.patient(), null, TaskType.COMMUNITY_REFERRAL_FOLLOW_UP,
					"Follow up the referral to " + event.organizationName(),
					null,
					event.sender(), null, TaskPriority.ROUTINE, null, calendar.endOfBusinessDaysAfter(java.time.Instant.now(), 1), source)
				.titled("task.title.communityFollowUp", event.organizationName())
				.described("task.description.communityFollowUp", event.serviceName(),
						TaskText.argument(event.dueAt().atZone(calendar.zone()).toLocalDate())));
		});
	}

	@ApplicationModuleListener
	void on(CommunityReferralUpdated event) {
		if (event.status() == org.caremap.community.ReferralStatus.RECEIVED) return; // opened, not answered yet
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> tasks.completeFromSource(source(event.referral()), TaskText.of("task.note.organisationAnswered")));
	}

	@ApplicationModuleListener
	void on(CommunityReferralClosed event) {
		SystemActor.run(ACTOR, List.of("SYSTEM"), () -> tasks.completeFromSource(source(event.referral()), TaskText.of("task.note.referralClosed")));
	}
}
