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
 * start). Shown as the metric {@code caremap.events.incomplete} and in the health details.
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

	@Override
	public Health health() {
		return Health.up().withDetail("incompleteAfterAMinute", incomplete()).build();
	}
}
