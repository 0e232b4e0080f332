package org.caremap.notification.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every morning from 7:00 in the organisation's zone, each person with work due today or overdue is told how much,
 * in the application and by e-mail (counts only, no patient detail), from the task module's counts. Once a day per
 * person, whatever the number of nodes or runs (the day is the alert's key).
 */
@Component
public class MorningDigest {

	private final org.caremap.task.Tasks tasks;
	private final Organizations organizations;
	private final JdbcNotifications notifications;
	private final UserAccounts accounts;
	private final MessageSource messages;

	MorningDigest(org.caremap.task.Tasks tasks, Organizations organizations, JdbcNotifications notifications,
			UserAccounts accounts, MessageSource messages) {
		this.tasks = tasks;
		this.organizations = organizations;
		this.notifications = notifications;
		this.accounts = accounts;
		this.messages = messages;
	}

	/** Sends today's digest to everyone who has due or overdue work and has not had it today; returns how many. */
	@Transactional
	public int send() {
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		LocalDate today = LocalDate.now(zone);
		ZonedDateTime startOfDay = today.atStartOfDay(zone);
		ZonedDateTime endOfDay = today.plusDays(1).atStartOfDay(zone);
		int sent = 0;
		for (org.caremap.task.DueCount due : tasks.dueCounts(startOfDay.toInstant(), endOfDay.toInstant())) {
			// in the language the person reads Caremap in
			java.util.Locale language = accounts.language(due.user()).orElse(java.util.Locale.ENGLISH);
			String counts = Alerts.text(messages, language, "alert.digest.counts", due.dueToday(), due.overdue());
			boolean fresh = notifications.alert(due.user(), "due-digest", Alerts.text(messages, language, "alert.digest.title", counts),
					null, "/myday", "due-digest:" + today);
			if (!fresh) continue;
			accounts.find(due.user()).map(u -> u.email()).filter(e -> e != null && !e.isBlank())
				.ifPresent(email -> notifications.queue(email, Alerts.text(messages, language, "alert.digest.subject"),
						Alerts.text(messages, language, "alert.digest.mail", counts)));
			sent++;
		}
		return sent;
	}

	/** The scheduled pass: from 7:00 in the organisation's zone, today's digests not yet sent go out. */
	int sweep() {
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		if (LocalTime.now(zone).isBefore(LocalTime.of(7, 0))) return 0;
		return send();
	}

	@Configuration(proxyBeanMethods = false)
	static class Job {
		@Bean
		RecurringTask<Void> dueDigestJob(MorningDigest digest) {
			// every quarter of an hour; the digest itself goes out once a day per person, from 7:00 local time
			return Tasks.recurring("due-digest", com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.ofMinutes(15))
				.execute((instance, context) -> digest.sweep());
		}
	}
}
