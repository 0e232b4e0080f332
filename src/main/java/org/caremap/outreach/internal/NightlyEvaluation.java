package org.caremap.outreach.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.caremap.organization.Organizations;
import org.caremap.outreach.OutreachRegistries;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;

/**
 * The nightly evaluation of every registry rule (at {@code caremap.outreach.nightly-at} in the organisation's time
 * zone, 02:30 by default): a db-scheduler recurring task, so one node of the cluster takes
 * each night's execution (the scheduler's row lock), and the day's result is the same however often it runs (each
 * rule's members replaced, its size for the day upserted).
 */
@Configuration(proxyBeanMethods = false)
class NightlyEvaluation {

	static final String TASK = "outreach-nightly";
	private static final Logger log = LoggerFactory.getLogger(NightlyEvaluation.class);

	@Bean
	RecurringTask<Void> outreachNightlyJob(OutreachRegistries registries, Organizations organizations,
			@Value("${caremap.outreach.nightly-at:02:30}") LocalTime at) {
		return Tasks.recurring(TASK, new OrganisationDaily(organizations, at)).execute((instance, context) -> {
			int rules = SystemActor.call(TASK, List.of("SYSTEM"), () -> {
				LocalDate today = organizations.today();
				return registries.evaluate(today);
			});
			log.info("Outreach registries: {} rules evaluated", rules);
		});
	}

	/**
	 * Daily at a time of the organisation's day (its time zone read at each scheduling, so an organisation created
	 * after start, or moved to another zone, is followed).
	 */
	record OrganisationDaily(Organizations organizations, LocalTime at) implements Schedule {

		@Override
		public java.time.Instant getNextExecutionTime(ExecutionComplete done) {
			return new Daily(organizations.zone(), at).getNextExecutionTime(done);
		}

		@Override
		public boolean isDeterministic() {
			return true;
		}
	}
}
