package org.caremap.platform;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The job scheduler (db-scheduler): jobs live in the {@code scheduled_tasks} table and each firing is picked by
 * exactly one node. Modules contribute {@link RecurringTask} and {@link OneTimeTask} beans; this collects them.
 * The scheduler starts once the application is ready and stops before the database connections close.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	@Bean
	JobScheduler jobScheduler(DataSource dataSource, List<RecurringTask<?>> recurring, List<OneTimeTask<?>> onetime,
			@Value("${caremap.scheduler.enabled:true}") boolean enabled,
			@Value("${caremap.scheduler.threads:4}") int threads,
			@Value("${caremap.scheduler.polling-interval:PT1S}") Duration polling) {
		Scheduler scheduler = Scheduler.create(dataSource, List.copyOf(onetime))
			.startTasks(List.copyOf(recurring))
			.threads(threads)
			.pollingInterval(polling)
			.heartbeatInterval(Duration.ofSeconds(30))
			.shutdownMaxWait(Duration.ofSeconds(10))
			.enableImmediateExecution()
			.build();
		return new JobScheduler(scheduler, enabled);
	}

	/** Holds the scheduler and ties it to the application's lifecycle. */
	static final class JobScheduler implements SmartLifecycle {
		private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
		private final Scheduler scheduler;
		private final boolean enabled;
		private volatile boolean running;

		JobScheduler(Scheduler scheduler, boolean enabled) {
			this.scheduler = scheduler;
			this.enabled = enabled;
		}

		@EventListener(ApplicationReadyEvent.class)
		void onReady() {
			if (enabled && !running) {
				scheduler.start();
				running = true;
				log.info("Job scheduler started");
			}
		}

		@Override
		public void start() {
			// started on ApplicationReadyEvent, once every module is wired
		}

		@Override
		public void stop() {
			if (running) {
				scheduler.stop();
				running = false;
			}
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		@Override
		public boolean isAutoStartup() {
			return true;
		}

		@Override
		public int getPhase() {
			// stop before the web server finishes draining and before connection pools close
			return Integer.MAX_VALUE - 2048;
		}
	}
}
