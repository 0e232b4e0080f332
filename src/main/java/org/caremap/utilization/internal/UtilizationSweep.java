package org.caremap.utilization.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.organization.Organizations;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.utilization.AuthorizationDecisionOverdue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The utilization clock job: every few minutes (on one node) it publishes {@link AuthorizationDecisionOverdue} for
 * each decision past its due time (once: the statement that picks it marks it), asks each line in force whether it
 * calls for a re-authorization (its share used, or its approved period ending within the payer rule's business days,
 * on the organisation's calendar), and expires the authorizations whose every approved period has ended.
 */
@Configuration(proxyBeanMethods = false)
public class UtilizationSweep {

	private static final Logger log = LoggerFactory.getLogger(UtilizationSweep.class);

	@Bean
	RecurringTask<Void> utilizationClockTask(Sweep sweep, @Value("${caremap.utilization.sweep-interval:PT10M}") Duration every) {
		return Tasks.recurring("utilization-clocks", FixedDelay.of(every))
			.execute((instance, context) -> SystemActor.run("utilization-clocks", List.of("SYSTEM"), () -> sweep.run(Instant.now())));
	}

	@Bean
	Sweep utilizationSweepPass(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events,
			JdbcAuthorizations authorizations, Organizations organizations) {
		return new Sweep(jdbc, tx, events, authorizations, organizations);
	}

	/** One pass at a given time (the job passes now; tests pass the times they walk through). */
	public static final class Sweep {

		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final ApplicationEventPublisher events;
		private final JdbcAuthorizations authorizations;
		private final Organizations organizations;

		Sweep(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events, JdbcAuthorizations authorizations,
				Organizations organizations) {
			this.jdbc = jdbc;
			this.tx = tx;
			this.events = events;
			this.authorizations = authorizations;
			this.organizations = organizations;
		}

		/** What one pass did. */
		public record Result(int overdue, int renewals, int expired) {
		}

		public Result run(Instant now) {
			LocalDate today = now.atZone(organizations.primary().map(o -> o.zone()).orElse(ZoneOffset.UTC)).toLocalDate();
			Integer overdue = tx.execute(s -> overdue(now));
			int renewals = 0;
			List<UUID> lines = jdbc.sql("""
					select l.id from authorization_line l join authorization_request r on r.id = l.authorization_id
					where l.renewal_flagged_at is null and l.decision in ('APPROVED', 'PARTIAL')
					  and r.status in ('APPROVED', 'PARTIALLY_APPROVED') and not r.voided
					  and (l.approved_to <= ? or l.units_used * 100 >= l.units_approved)
					order by l.approved_to limit 2000""")
				.param(today.plusDays(100)).query(UUID.class).list();
			for (UUID line : lines) {
				Boolean flagged = tx.execute(s -> authorizations.checkRenewal(line, today));
				if (Boolean.TRUE.equals(flagged)) renewals++;
			}
			Integer expired = tx.execute(s -> expire(today));
			Result result = new Result(overdue == null ? 0 : overdue, renewals, expired == null ? 0 : expired);
			if (result.overdue() + result.renewals() + result.expired() > 0) log.info("Utilization clocks: {}", result);
			return result;
		}

		private int overdue(Instant now) {
			List<AuthorizationDecisionOverdue> due = jdbc.sql("""
					update authorization_request r set overdue_flagged_at = :now
					where r.id in (select id from authorization_request
					               where status in ('SUBMITTED', 'PENDED') and not voided and overdue_flagged_at is null
					                 and decision_due_at < :now
					               order by decision_due_at limit 500 for update skip locked)
					returning r.id, r.patient_id, r.payer, r.service, r.decision_due_at, r.owner_user_id""")
				.param("now", JdbcAuthorizations.time(now))
				.query((rs, n) -> {
					UUID owner = rs.getObject(6, UUID.class);
					return new AuthorizationDecisionOverdue(new PatientId(rs.getObject(2, UUID.class)), rs.getObject(1, UUID.class),
							rs.getString(3), rs.getString(4), JdbcAuthorizations.instant(rs, "decision_due_at"),
							owner == null ? null : new UserId(owner));
				})
				.list();
			due.forEach(events::publishEvent);
			return due.size();
		}

		/** Authorizations in force whose every approved line ended before today. */
		private int expire(LocalDate today) {
			return jdbc.sql("""
					update authorization_request r set status = 'EXPIRED', status_note = 'The approved period ended',
					    version = version + 1, updated_at = now(), updated_by = 'system:utilization-clocks'
					where r.status = any(?) and not r.voided
					  and exists (select 1 from authorization_line l where l.authorization_id = r.id and l.approved_to is not null)
					  and not exists (select 1 from authorization_line l where l.authorization_id = r.id
					                  and l.decision in ('APPROVED', 'PARTIAL') and (l.approved_to is null or l.approved_to >= ?))""")
				.params(new String[] { "APPROVED", "PARTIALLY_APPROVED" }, today).update();
		}
	}
}
