package org.caremap.community.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.community.CommunityReferralUnanswered;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * The referral clock: every few minutes (one node runs it: db-scheduler) it publishes
 * {@link CommunityReferralUnanswered} for each referral the organisation has not answered by the end of its business
 * days, once per referral (the statement that picks it marks it, skipping rows another node holds).
 */
@Configuration(proxyBeanMethods = false)
public class ReferralClocks {

	@Bean
	RecurringTask<Void> communityReferralClockTask(Pass pass, @Value("${caremap.community.clock-interval:PT10M}") Duration every) {
		return Tasks.recurring("community-referral-clocks", FixedDelay.of(every))
			.execute((instance, context) -> SystemActor.run("community-referral-clocks", List.of("SYSTEM"), () -> pass.run(Instant.now())));
	}

	@Bean
	Pass communityReferralClockPass(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
		return new Pass(jdbc, tx, events);
	}

	/** One pass at a given time (the job passes now; tests pass the times they walk through). */
	public static final class Pass {

		private final JdbcClient jdbc;
		private final TransactionTemplate tx;
		private final ApplicationEventPublisher events;

		Pass(JdbcClient jdbc, TransactionTemplate tx, ApplicationEventPublisher events) {
			this.jdbc = jdbc;
			this.tx = tx;
			this.events = events;
		}

		/** How many referrals were found unanswered. */
		public int run(Instant now) {
			Integer n = tx.execute(s -> {
				List<CommunityReferralUnanswered> due = jdbc.sql("""
						update community_referral r set unanswered_at = :now
						where r.id in (select id from community_referral
						               where status in ('REQUESTED', 'RECEIVED') and unanswered_at is null and answer_due_at < :now
						               order by answer_due_at limit 500 for update skip locked)
						returning r.id, r.patient_id, r.sender_id, r.organization_name, r.service_name, r.answer_due_at""")
					.param("now", JdbcCommunityReferrals.time(now))
					.query((rs, i) -> new CommunityReferralUnanswered(rs.getObject(1, UUID.class),
							new PatientId(rs.getObject(2, UUID.class)), new UserId(rs.getObject(3, UUID.class)), rs.getString(4),
							rs.getString(5), JdbcCommunityReferrals.instant(rs, "answer_due_at")))
					.list();
				due.forEach(events::publishEvent);
				return due.size();
			});
			return n == null ? 0 : n;
		}
	}
}
