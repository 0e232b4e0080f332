package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.caremap.CaremapApplication;
import org.caremap.support.Eventually;
import org.caremap.support.Folders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one database with a short job interval: every scheduled slot fires exactly once,
 * and both instances take their share of the jobs.
 */
class TwoNodeSchedulerIT {

	static final UUID TICKS = UUID.fromString("00000000-0000-7000-8000-00000000717c");
	/** Slots to see fired (each exactly once) before the counts are checked. */
	static final int SLOTS = 150;

	/** A job of the test's own that records each slot it runs, and on which node. */
	@Configuration(proxyBeanMethods = false)
	static class TickJob {
		@Bean
		RecurringTask<Void> tickTask(JdbcClient jdbc, @Value("${caremap.node-name}") String node) {
			return Tasks.recurring("test-tick", FixedDelay.of(Duration.ofMillis(50))).execute((instance, context) -> {
				jdbc.sql("insert into notification (id, recipient_id, category, title, body) values (?, ?, 'tick', ?, ?)")
					.params(UUID.randomUUID(), TICKS, context.getExecution().executionTime.toString(), node)
					.update();
			});
		}
	}

	private static ConfigurableApplicationContext node(Path home, String name) {
		Map<String, Object> settings = Map.of("caremap.home", home.toString(), "server.port", "0", "caremap.adt.mllp-port", "0", "caremap.node-name", name,
				"caremap.demo.enabled", "false", "caremap.scheduler.polling-interval", "PT0.05S",
				"caremap.scheduler.threads", "2", "logging.file.name", home.resolve("logs/" + name + ".log").toString());
		return new SpringApplicationBuilder(CaremapApplication.class, TickJob.class)
			.run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

	@Test
	void everySlotFiresOnceAndBothNodesWork() throws Exception {
		Path home = Path.of("target", "it-two-nodes").toAbsolutePath();
		Folders.deleteTree(home);
		try (ConfigurableApplicationContext a = node(home, "node-a"); ConfigurableApplicationContext b = node(home, "node-b")) {
			JdbcClient jdbc = a.getBean(JdbcClient.class);
			// as many slots as it takes, however long that is on this machine, with both nodes among the workers
			Eventually.value(Duration.ofMinutes(5), SLOTS + " slots fired, by both nodes",
					() -> jdbc.sql("select count(distinct title), count(distinct body) from notification where recipient_id = ?")
						.param(TICKS).query((rs, n) -> new Progress(rs.getLong(1), rs.getLong(2))).single(),
					seen -> seen.slots() >= SLOTS && seen.nodes() == 2);
			// fired and slots from one snapshot: the job goes on meanwhile
			long[] firedAndSlots = jdbc.sql("select count(*), count(distinct title) from notification where recipient_id = ?")
				.param(TICKS).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
			long fired = firedAndSlots[0];
			long slots = firedAndSlots[1];
			List<Map<String, Object>> byNode = jdbc.sql(
					"select body as node, count(*) as ticks from notification where recipient_id = ? group by body order by body")
				.param(TICKS).query().listOfRows();
			System.out.printf("two nodes: %d slots fired %d times; per node %s%n", slots, fired, byNode);
			assertThat(fired).as("each slot fired once").isEqualTo(slots);
			assertThat(slots).as("slots fired").isGreaterThanOrEqualTo(SLOTS);
			assertThat(byNode).as("both nodes ran jobs").hasSize(2);
		}
	}

	record Progress(long slots, long nodes) {
	}
}
