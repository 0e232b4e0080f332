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
	Escalator escalator(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ApplicationEventPublisher events,
			TaskProperties properties) {
		return new Escalator(jdbc, tx, audit, events, properties);
	}

	/** One sweep over overdue tasks. */
	static final class Escalator {
		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final AuditTrail audit;
		private final ApplicationEventPublisher events;
		private final TaskProperties properties;

		Escalator(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ApplicationEventPublisher events,
				TaskProperties properties) {
			this.jdbc = jdbc;
			this.tx = tx;
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

		/** Marks the task escalated (once); the owner and their supervisors hear of it from the event. */
		private boolean escalate(Overdue task) {
			int marked = jdbc.sql("update task set escalated_at = now() where id = ? and escalated_at is null")
				.param(task.id()).update();
			if (marked == 0) return false;
			audit.record(new AuditEntry("ESCALATE", "Task", task.id().toString(), new PatientId(task.patient()),
					AuditOutcome.SUCCESS, "escalated to the owner's supervisors"));
			events.publishEvent(new TaskOverdue(new TaskId(task.id()), new PatientId(task.patient()),
					task.owner() == null ? null : new UserId(task.owner()), task.team(), task.title()));
			return true;
		}
	}
}
