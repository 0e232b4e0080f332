package org.caremap.task.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.identity.UserAccounts;
import org.caremap.notification.EmailOutbox;
import org.caremap.notification.Notifications;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.TaskId;
import org.caremap.task.TaskOverdue;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Overdue work goes up: an open task past its due time by more than the configured delay is escalated to the
 * supervisors of its owner's teams, once. The mark is set by a conditional update, so a task is escalated once
 * however many nodes or runs look at it.
 */
@Configuration(proxyBeanMethods = false)
class TaskEscalation {

	/** A task to escalate. */
	record Overdue(UUID id, UUID patient, @Nullable UUID owner, @Nullable UUID team, String title) {
	}

	@Bean
	RecurringTask<Void> taskEscalationJob(Escalator escalator, TaskProperties properties) {
		return Tasks.recurring("task-escalation", FixedDelay.of(properties.sweepInterval()))
			.execute((instance, context) -> escalator.sweep());
	}

	@Bean
	Escalator escalator(JdbcClient jdbc, TransactionTemplate tx, Organizations organizations, Notifications notifications,
			AuditTrail audit, ApplicationEventPublisher events, TaskProperties properties, UserAccounts accounts,
			EmailOutbox outbox) {
		return new Escalator(jdbc, tx, organizations, notifications, audit, events, properties, accounts, outbox);
	}

	/** One sweep over overdue tasks. */
	static final class Escalator {
		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final Organizations organizations;
		private final Notifications notifications;
		private final AuditTrail audit;
		private final ApplicationEventPublisher events;
		private final TaskProperties properties;
		private final UserAccounts accounts;
		private final EmailOutbox outbox;

		Escalator(JdbcClient jdbc, TransactionTemplate tx, Organizations organizations, Notifications notifications,
				AuditTrail audit, ApplicationEventPublisher events, TaskProperties properties, UserAccounts accounts,
				EmailOutbox outbox) {
			this.accounts = accounts;
			this.outbox = outbox;
			this.jdbc = jdbc;
			this.tx = tx;
			this.organizations = organizations;
			this.notifications = notifications;
			this.audit = audit;
			this.events = events;
			this.properties = properties;
		}

		/** Escalates every task overdue beyond the delay that was not escalated yet; returns how many. */
		int sweep() {
			OffsetDateTime cutoff = OffsetDateTime.ofInstant(Instant.now().minus(properties.escalateAfter()), ZoneOffset.UTC);
			List<Overdue> overdue = jdbc.sql("""
					select id, patient_id, owner_user_id, owner_team_id, title from task
					where escalated_at is null and status in ('REQUESTED', 'READY', 'IN_PROGRESS') and due_at < ?
					order by due_at limit 500""")
				.param(cutoff)
				.query((rs, n) -> new Overdue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5)))
				.list();
			int escalated = 0;
			for (Overdue task : overdue) {
				Boolean done = SystemActor.call("task-escalation", List.of("SYSTEM"), () -> tx.execute(status -> escalate(task)));
				if (Boolean.TRUE.equals(done)) escalated++;
			}
			return escalated;
		}

		private boolean escalate(Overdue task) {
			int marked = jdbc.sql("update task set escalated_at = now() where id = ? and escalated_at is null")
				.param(task.id()).update();
			if (marked == 0) return false;
			Set<UserId> supervisors = task.owner() != null ? organizations.supervisorsOf(new UserId(task.owner()))
					: teamSupervisor(task.team());
			for (UserId supervisor : supervisors) {
				notifications.notify(supervisor, "task-overdue", "Overdue: " + task.title(),
						"This task is past its due time and has not been done.", "/patients/" + task.patient() + "/tasks");
				// e-mail carries no patient detail: it only asks the supervisor to look in Caremap
				accounts.find(supervisor).map(u -> u.email()).filter(e -> e != null && !e.isBlank())
					.ifPresent(email -> outbox.queue(email, "Caremap: overdue work on your team",
							"A task on your team is past its due time. Sign in to Caremap to see it."));
			}
			if (task.owner() != null) {
				notifications.notify(new UserId(task.owner()), "task-overdue", "Overdue: " + task.title(),
						"Your supervisor was told that this task is overdue.", "/myday");
			}
			audit.record(new AuditEntry("ESCALATE", "Task", task.id().toString(), new PatientId(task.patient()),
					AuditOutcome.SUCCESS, supervisors.size() + " supervisors told"));
			events.publishEvent(new TaskOverdue(new TaskId(task.id()), new PatientId(task.patient()),
					task.owner() == null ? null : new UserId(task.owner())));
			return true;
		}

		private Set<UserId> teamSupervisor(@Nullable UUID team) {
			if (team == null) return Set.of();
			return organizations.supervisorOfTeam(team).map(Set::of).orElse(Set.of());
		}
	}
}
