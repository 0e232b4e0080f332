package org.caremap.task.internal;

import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.caseload.CaseId;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.task.ClockAlert;
import org.caremap.task.ClockAudience;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clocks' sweep: a running clock past its warning time is marked warned, one past its due time breached, each
 * once, by a conditional update; who is to be told hears of it from a {@link ClockAlert} published in the same
 * transaction (so a mark never exists without its alert, nor an alert twice). Clocks that tell nobody are marked in
 * bulk, so a large backlog never delays the alerts of the others.
 */
@Configuration(proxyBeanMethods = false)
class ClockSweep {

	static final int BATCH = 500;

	record Due(UUID id, UUID patient, @Nullable UUID caseId, UUID program, String clock, ClockAudience tell,
			java.time.Instant due) {
	}

	@Bean
	RecurringTask<Void> clockSweepJob(Sweeper sweeper, TaskProperties properties) {
		return Tasks.recurring("clock-sweep", FixedDelay.of(properties.sweepInterval()))
			.execute((instance, context) -> sweeper.sweep());
	}

	@Bean
	Sweeper clockSweeper(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, ClockRecipients recipients) {
		return new Sweeper(jdbc, tx, events, recipients);
	}

	/** One sweep: warnings, then breaches. */
	static final class Sweeper {
		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final ApplicationEventPublisher events;
		private final ClockRecipients recipients;

		Sweeper(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, ClockRecipients recipients) {
			this.jdbc = jdbc;
			this.tx = tx;
			this.events = events;
			this.recipients = recipients;
		}

		/** Answers how many warnings and breaches were told. */
		int sweep() {
			return SystemActor.call("clock-sweep", List.of("SYSTEM"), () -> mark(ClockAlert.Kind.WARNING) + mark(ClockAlert.Kind.BREACH));
		}

		private int mark(ClockAlert.Kind kind) {
			String column = kind == ClockAlert.Kind.WARNING ? "warned_at" : "breached_at";
			String when = kind == ClockAlert.Kind.WARNING ? "warn_at" : "due_at";
			// nobody to tell: marked in bulk
			tx.executeWithoutResult(status -> jdbc.sql("update clock_instance set " + column + " = now() where id in ("
					+ "select i.id from clock_instance i join clock_definition d on d.id = i.definition_id"
					+ " where i.status = 'RUNNING' and i." + column + " is null and i." + when + " < now() and d.notify = 'NOBODY'"
					+ " limit 10000)").update());
			List<Due> due = jdbc.sql("select i.id, i.patient_id, i.case_id, i.program_id, d.name, d.notify, i.due_at"
					+ " from clock_instance i join clock_definition d on d.id = i.definition_id"
					+ " where i.status = 'RUNNING' and i." + column + " is null and i." + when + " < now() and d.notify <> 'NOBODY'"
					+ " order by i." + when + " limit " + BATCH)
				.query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
						rs.getObject(4, UUID.class), rs.getString(5), ClockAudience.valueOf(rs.getString(6)),
						rs.getTimestamp(7).toInstant()))
				.list();
			int told = 0;
			for (Due d : due) {
				Boolean done = tx.execute(status -> {
					int marked = jdbc.sql("update clock_instance set " + column + " = now() where id = ? and " + column
							+ " is null and status = 'RUNNING'").param(d.id()).update();
					if (marked == 0) return false;
					java.util.Set<UserId> who = recipients.whoIsTold(d.tell(), new PatientId(d.patient()),
							d.caseId() == null ? null : new CaseId(d.caseId()), new ProgramId(d.program()));
					events.publishEvent(new ClockAlert(d.id(), new PatientId(d.patient()), d.clock(), kind, d.due(), who));
					return true;
				});
				if (Boolean.TRUE.equals(done)) told++;
			}
			return told;
		}
	}
}
