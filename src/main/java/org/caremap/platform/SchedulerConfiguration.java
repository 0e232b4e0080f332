package org.caremap.platform;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job scheduler (db-scheduler): jobs live in the {@code scheduled_tasks} table and each firing is picked by
 * exactly one node. Modules contribute {@link RecurringTask} and {@link OneTimeTask} beans; this collects them.
 * The scheduler stops before the database connections close.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {

	@Bean
	JobScheduler jobScheduler(DataSource dataSource, List<RecurringTask<?>> recurring, List<OneTimeTask<?>> onetime,
			@Value("${caremap.scheduler.enabled:true}") boolean enabled,
			@Value("${caremap.scheduler.threads:4}") int threads,
			@Value("${caremap.scheduler.polling-interval:PT1S}") Duration polling,
			@Value("${caremap.node-name:}") String nodeName) {
		String name = nodeName.isBlank() ? hostName() + ":" + ProcessHandle.current().pid() : nodeName;
		return new JobScheduler(() -> Scheduler.create(dataSource, List.copyOf(onetime))
			.startTasks(List.copyOf(recurring))
			.threads(threads)
			.pollingInterval(polling)
			// a node that dies while running a job hands it over after four missed heartbeats (about 20 s)
			.heartbeatInterval(Duration.ofSeconds(5))
			.missedHeartbeatsLimit(4)
			.schedulerName(new SchedulerName.Fixed(name))
			.shutdownMaxWait(Duration.ofSeconds(10))
			.enableImmediateExecution()
			.build(), enabled);
	}

	private static String hostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "localhost";
		}
	}

	/**
	 * Ties the scheduler to the application's lifecycle: started when the context starts (and again after it was
	 * stopped and restarted, with a fresh scheduler), stopped before the web server and the connection pools.
	 */
	static final class JobScheduler implements SmartLifecycle {
		private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
		private final Supplier<Scheduler> factory;
		private final boolean enabled;
		private volatile @Nullable Scheduler scheduler;

		JobScheduler(Supplier<Scheduler> factory, boolean enabled) {
			this.factory = factory;
			this.enabled = enabled;
		}

		@Override
		public synchronized void start() {
			if (!enabled || scheduler != null) return;
			Scheduler created = factory.get();
			created.start();
			scheduler = created;
			log.info("Job scheduler started");
		}

		@Override
		public synchronized void stop() {
			Scheduler running = scheduler;
			if (running != null) {
				running.stop();
				scheduler = null;
			}
		}

		@Override
		public boolean isRunning() {
			return scheduler != null;
		}

		@Override
		public int getPhase() {
			// started after, and stopped before, the web server and everything the jobs use
			return Integer.MAX_VALUE - 2048;
		}
	}
}
