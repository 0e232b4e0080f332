package org.caremap.team.internal;

import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.shared.SystemActor;
import org.caremap.team.CoverPeriods;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes cover periods and on-call shifts whose end has passed: the records opened to the person acting are closed
 * again, and {@code CoverEnded} sends the work still open back to whom it was meant for. Idempotent (a guarded
 * update), so a run on another node changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class CoverJobs {

	@Bean
	RecurringTask<Void> coverCloseJob(CoverPeriods periods, CoverProperties properties) {
		return Tasks.recurring("cover-close", FixedDelay.of(properties.sweepInterval()))
			.execute((instance, context) -> SystemActor.run("cover", List.of("SYSTEM"), () -> periods.closeDue(Instant.now())));
	}
}
