package org.caremap.appointment.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentReminderDue;
import org.caremap.appointment.AppointmentView;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder job: every few minutes (on one node), the booked appointments whose reminder time has come
 * ({@code caremap.appointment.reminder-lead} before the start, 24 hours by default) and that are still ahead get
 * {@link AppointmentReminderDue}, once: the statement that picks them sets {@code reminded_at}, and the events are
 * published in its transaction. The notification module sends the reminders.
 */
@Configuration(proxyBeanMethods = false)
public class AppointmentReminderJob {

	private static final Logger log = LoggerFactory.getLogger(AppointmentReminderJob.class);

	@Bean
	RecurringTask<Void> appointmentReminderTask(Sweep sweep,
			@Value("${caremap.appointment.reminder-interval:PT5M}") Duration every) {
		return Tasks.recurring("appointment-reminders", FixedDelay.of(every))
			.execute((instance, context) -> SystemActor.run("appointment-reminders", List.of("SYSTEM"),
					() -> sweep.run(Instant.now())));
	}

	@Bean
	Sweep appointmentReminderSweep(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
			@Value("${caremap.appointment.reminder-lead:PT24H}") Duration lead) {
		return new Sweep(jdbc, tx, events, lead);
	}

	/** One pass at a given time (the job passes the clock's now; tests pass the times they walk through). */
	public static final class Sweep {

		private static final int BATCH = 500;

		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final ApplicationEventPublisher events;
		private final Duration lead;

		Sweep(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, Duration lead) {
			this.jdbc = jdbc;
			this.tx = tx;
			this.events = events;
			this.lead = lead;
		}

		public Duration lead() {
			return lead;
		}

		/** Publishes the reminders due at {@code now}; the number published. */
		public int run(Instant now) {
			int total = 0;
			while (true) {
				Integer done = tx.execute(s -> batch(now));
				int n = done == null ? 0 : done;
				total += n;
				if (n < BATCH) break;
			}
			if (total > 0) log.info("Appointment reminders due: {}", total);
			return total;
		}

		private int batch(Instant now) {
			List<AppointmentReminderDue> due = jdbc.sql("""
					update appointment a set reminded_at = :now
					where a.id in (select id from appointment
					               where status = 'BOOKED' and reminded_at is null and not voided
					                 and starts_at > :now and starts_at <= :until
					               order by starts_at limit :batch for update skip locked)
					returning a.id, a.patient_id, a.starts_at, a.kind, a.practitioner, a.organisation, a.place, a.address,
					          a.transport_arranged, a.transport_note""")
				.param("now", JdbcAppointments.time(now))
				.param("until", JdbcAppointments.time(now.plus(lead)))
				.param("batch", BATCH)
				.query((rs, n) -> {
					String place = rs.getString("place");
					String address = rs.getString("address");
					String where = place == null ? address : address == null ? place : place + ", " + address;
					return new AppointmentReminderDue(new PatientId(rs.getObject("patient_id", UUID.class)),
							rs.getObject("id", UUID.class), rs.getObject("starts_at", java.time.OffsetDateTime.class).toInstant(),
							AppointmentKind.valueOf(rs.getString("kind")),
							AppointmentView.who(rs.getString("practitioner"), rs.getString("organisation")), where,
							rs.getBoolean("transport_arranged"), rs.getString("transport_note"));
				})
				.list();
			due.forEach(events::publishEvent);
			return due.size();
		}
	}
}
