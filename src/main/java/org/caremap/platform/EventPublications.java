package org.caremap.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far behind the modules' listeners are: event publications not completed a minute after they were published
 * (a listener that failed, or a node that died before it ran; such publications are published again on the next
 * start). Shown as the metric {@code caremap.events.incomplete} and in the health details. Completed publications
 * are kept a week (to see what happened) and then removed by a job, a few thousand at a time.
 */
@Component("eventPublications")
class EventPublications implements HealthIndicator {

	private final JdbcClient jdbc;

	EventPublications(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		Gauge.builder("caremap.events.incomplete", this, EventPublications::incomplete)
			.description("event publications not completed a minute after they were published").register(meters);
	}

	long incomplete() {
		return jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and publication_date < now() - interval '1 minute'""")
			.query(Long.class).single();
	}

	/** Completed publications older than a week are removed (the feeds publish several events per message). */
	@org.springframework.context.annotation.Bean
	static com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> completedPublicationsCleanup(
			EventPublications publications) {
		return com.github.kagkarlsson.scheduler.task.helper.Tasks
			.recurring("event-publications-cleanup", com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.ofMinutes(30))
			.execute((instance, context) -> publications.removeCompleted());
	}

	/** Removes the publications completed more than a week ago, a few thousand per statement; returns how many. */
	int removeCompleted() {
		int all = 0;
		int removed;
		do {
			removed = jdbc.sql("""
					delete from event_publication where id in (
					  select id from event_publication
					  where completion_date < now() - interval '7 days' limit 5000)""").update();
			all += removed;
		}
		while (removed == 5000);
		return all;
	}

	@Override
	public Health health() {
		return Health.up().withDetail("incompleteAfterAMinute", incomplete()).build();
	}
}
