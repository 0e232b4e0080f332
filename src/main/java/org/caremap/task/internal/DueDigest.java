package org.caremap.task.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.caremap.identity.UserAccounts;
import org.caremap.notification.EmailOutbox;
import org.caremap.notification.Notifications;
import org.caremap.organization.Organizations;
import org.caremap.shared.UserId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every morning from 7:00 in the organisation's zone, each person with work due today or overdue is told how much,
 * in the application and by e-mail (counts only, no patient detail). Once a day per person, whatever the number
 * of nodes or runs.
 */
@Component
public class DueDigest {

	/** One person's counts. */
	record Due(UUID user, long dueToday, long overdue) {
	}

	private final JdbcClient jdbc;
	private final Organizations organizations;
	private final Notifications notifications;
	private final EmailOutbox outbox;
	private final UserAccounts accounts;

	DueDigest(JdbcClient jdbc, Organizations organizations, Notifications notifications, EmailOutbox outbox,
			UserAccounts accounts) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.notifications = notifications;
		this.outbox = outbox;
		this.accounts = accounts;
	}

	/** Sends today's digest to everyone who has due or overdue work and has not had it today; returns how many. */
	@Transactional
	public int send() {
		ZoneId zone = organizations.primary().map(o -> o.zone()).orElse(ZoneId.systemDefault());
		LocalDate today = LocalDate.now(zone);
		ZonedDateTime startOfDay = today.atStartOfDay(zone);
		ZonedDateTime endOfDay = today.plusDays(1).atStartOfDay(zone);
		List<Due> due = jdbc.sql("""
				select owner_user_id,
				       count(*) filter (where due_at >= :start and due_at < :end),
				       count(*) filter (where due_at < now())
				from task
				where owner_user_id is not null and status in ('REQUESTED', 'READY', 'IN_PROGRESS') and due_at < :end
				group by owner_user_id""")
			.param("start", startOfDay.toOffsetDateTime())
			.param("end", endOfDay.toOffsetDateTime())
			.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)))
			.list();
		int sent = 0;
		for (Due d : due) {
			boolean already = jdbc.sql("""
					select count(*) from notification where recipient_id = ? and category = 'due-digest' and created_at >= ?""")
				.params(d.user(), startOfDay.toOffsetDateTime()).query(Long.class).single() > 0;
			if (already) continue;
			String text = d.dueToday() + " due today, " + d.overdue() + " overdue.";
			notifications.notify(new UserId(d.user()), "due-digest", "Your work today: " + text, null, "/myday");
			accounts.find(new UserId(d.user())).map(u -> u.email()).filter(e -> e != null && !e.isBlank())
				.ifPresent(email -> outbox.queue(email, "Caremap: your work today",
						"You have " + text + " Sign in to Caremap and open My day."));
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
		RecurringTask<Void> dueDigestJob(DueDigest digest) {
			// every quarter of an hour; the digest itself goes out once a day per person, from 7:00 local time
			return Tasks.recurring("due-digest", com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.ofMinutes(15))
				.execute((instance, context) -> digest.sweep());
		}
	}
}
