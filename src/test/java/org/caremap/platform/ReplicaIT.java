package org.caremap.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.caremap.support.Eventually;
import org.caremap.support.Folders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two PostgreSQL processes from the embedded binaries: a primary and a standby made from it by the low-level base
 * backup, streaming from its slot; the routing of lag-tolerant reads over them. Reads are served by the replica (the
 * connection used is in recovery, on the standby's port), the lag is measured, a writer's own read sees their write
 * while the replica's replay is paused (another caller's read, on the replica, does not), a replica lagging past the
 * bound or stopped leaves every read to the primary, and the standby started again in its folder resumes streaming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaIT {

	private static final Path HOME = Path.of("target", "replica-it-home").toAbsolutePath();
	private static final Duration WAIT = Duration.ofSeconds(30);

	private static EmbeddedPostgresServer primary;
	private static EmbeddedStandby standby;
	private static HikariDataSource primaryPool;
	private static HikariDataSource replicaPool;
	private static SimpleMeterRegistry meters;
	private static ReplicaRouting reads;

	@BeforeAll
	static void start() throws Exception {
		Folders.deleteTree(HOME);
		primary = EmbeddedPostgresServer.obtain(HOME.resolve("postgres"), 0, Duration.ofSeconds(60), "caremap");
		try (Connection c = primary.superuser(EmbeddedPostgresServer.DATABASE); Statement s = c.createStatement()) {
			s.execute("create table caremap.replica_probe (id serial primary key, who text not null)");
			s.execute("grant select, insert on caremap.replica_probe to " + EmbeddedPostgresServer.APP_ROLE);
			s.execute("grant usage on sequence caremap.replica_probe_id_seq to " + EmbeddedPostgresServer.APP_ROLE);
		}
		standby = EmbeddedStandby.obtain(primary, HOME.resolve("postgres-replica"), 0, Duration.ofSeconds(60));
		// the backup label pg_backup_stop gave, in the copy (renamed once the standby has started from it)
		assertThat(Files.exists(HOME.resolve("postgres-replica/backup_label"))
				|| Files.exists(HOME.resolve("postgres-replica/backup_label.old"))).isTrue();
		assertThat(HOME.resolve("postgres-replica/standby.signal")).exists();
		primaryPool = pool(primary.jdbcUrl(), "it-primary");
		replicaPool = pool(standby.jdbcUrl(), "it-replica");
		meters = new SimpleMeterRegistry();
		reads = new ReplicaRouting(JdbcClient.create(primaryPool), replicaPool, standby.jdbcUrl(), Duration.ofSeconds(30),
				Duration.ofMillis(200), null, meters);
	}

	@AfterAll
	static void stop() {
		if (reads != null) reads.close();
		if (primaryPool != null) primaryPool.close();
		if (standby != null) standby.close();
		if (primary != null) primary.close();
	}

	private static HikariDataSource pool(String url, String name) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(url);
		config.setUsername(EmbeddedPostgresServer.APP_ROLE);
		config.setPassword(primary.password(EmbeddedPostgresServer.APP_ROLE));
		config.setSchema("caremap");
		config.setMaximumPoolSize(3);
		config.setConnectionTimeout(2_000);
		config.setInitializationFailTimeout(-1);
		config.addDataSourceProperty("ApplicationName", name);
		return new HikariDataSource(config);
	}

	/** Where a read was served, and what it saw. */
	record Served(boolean recovery, int port, long rows) {
	}

	private static Served probe(ReplicaRouting routing, String caller, String who) {
		return routing.read(caller, db -> db.sql("select pg_is_in_recovery(), inet_server_port(), "
				+ "(select count(*) from replica_probe where who = ?)")
			.param(who)
			.query((rs, n) -> new Served(rs.getBoolean(1), rs.getInt(2), rs.getLong(3)))
			.single());
	}

	private static Connection superuserOfStandby() throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", EmbeddedPostgresServer.SUPERUSER);
		props.setProperty("password", primary.password(EmbeddedPostgresServer.SUPERUSER));
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + standby.port() + "/postgres", props);
	}

	private static void write(String who) {
		JdbcClient.create(primaryPool).sql("insert into replica_probe (who) values (?)").param(who).update();
		reads.wrote(who);
	}

	private static double gauge(String name) {
		return meters.get(name).gauge().value();
	}

	@Test
	@Order(1)
	void readsFromTheReplicaWithTheLagMeasuredAndEachWriterSeeingTheirOwnWrites() throws Exception {
		// the replica serves the reads, and has streamed what the primary had when it was made and since
		Eventually.until(WAIT, "the replica streams the primary's changes", () -> {
			write("before");
			return probe(reads, "reader", "before").rows() > 0;
		});
		Served served = probe(reads, "reader", "before");
		assertThat(served.recovery()).as("the connection that served the read is the standby's").isTrue();
		assertThat(served.port()).isEqualTo(standby.port());
		assertThat(meters.get("caremap.db.replica.reads").tag("served.by", "replica").counter().count()).isPositive();
		try (Connection c = superuserOfStandby(); Statement s = c.createStatement();
				var rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = 'it-replica'")) {
			rs.next();
			assertThat(rs.getInt(1)).as("the replica pool's connections are on the standby").isPositive();
		}

		// the lag is measured: a number, not negative
		Eventually.until(WAIT, "the lag measured", () -> reads.status().orElseThrow().up());
		assertThat(gauge("caremap.db.replica.lag")).isNotNaN().isGreaterThanOrEqualTo(0);
		assertThat(gauge("caremap.db.replica.lag.bytes")).isNotNaN().isGreaterThanOrEqualTo(0);
		assertThat(reads.status().orElseThrow().serving()).isTrue();

		// the replica stops replaying: a writer reads their own write (from the primary); another caller, served by
		// the replica, does not see it yet
		try (Connection c = superuserOfStandby(); Statement s = c.createStatement()) {
			s.execute("select pg_wal_replay_pause()");
			write("dana");
			Served own = probe(reads, "dana", "dana");
			assertThat(own.rows()).as("the writer sees their write at once").isEqualTo(1);
			assertThat(own.recovery()).as("served by the primary while the replica has not replayed it").isFalse();
			Served other = probe(reads, "someone else", "dana");
			assertThat(other.recovery()).as("another caller is served by the replica").isTrue();
			assertThat(other.rows()).as("the replica lags: the write is not there yet").isZero();
			Eventually.until(WAIT, "the lag seen in bytes and seconds",
					() -> gauge("caremap.db.replica.lag.bytes") > 0 && gauge("caremap.db.replica.lag") > 0);
			s.execute("select pg_wal_replay_resume()");
		}
		Served caughtUp = Eventually.value(WAIT, "the writer served by the replica once it has replayed the write",
				() -> probe(reads, "dana", "dana"), Served::recovery);
		assertThat(caughtUp.rows()).isEqualTo(1);
		Eventually.until(WAIT, "the lag back to zero", () -> gauge("caremap.db.replica.lag") == 0);
	}

	@Test
	@Order(2)
	void aReplicaLaggingPastTheBoundOrStoppedLeavesEveryReadToThePrimary() throws Exception {
		HikariDataSource otherPool = pool(standby.jdbcUrl(), "it-replica-bounded");
		try (ReplicaRouting bounded = new ReplicaRouting(JdbcClient.create(primaryPool), otherPool, standby.jdbcUrl(),
				Duration.ofSeconds(1), Duration.ofMillis(200), null, null);
				Connection c = superuserOfStandby(); Statement s = c.createStatement()) {
			Eventually.until(WAIT, "the replica serving", () -> bounded.status().orElseThrow().serving());
			s.execute("select pg_wal_replay_pause()");
			try {
				write("lagging");
				Eventually.until(WAIT, "the replica past the bound", () -> !bounded.status().orElseThrow().serving());
				assertThat(bounded.status().orElseThrow().lagSeconds()).isGreaterThan(1);
				Served served = probe(bounded, "anyone", "lagging");
				assertThat(served.recovery()).as("a replica lagging past the bound serves nobody").isFalse();
				assertThat(served.rows()).isEqualTo(1);
			}
			finally {
				s.execute("select pg_wal_replay_resume()");
			}
		}

		// the standby stops: reads go on, from the primary, at once
		Path folder = standby.dataDir();
		standby.close();
		standby = null;
		Served served = probe(reads, "anyone", "before");
		assertThat(served.recovery()).as("served by the primary while the replica is down").isFalse();
		Eventually.until(WAIT, "the replica seen down", () -> !reads.status().orElseThrow().up());
		assertThat(probe(reads, null, "before").recovery()).isFalse();

		// started again in its folder, the standby resumes streaming from its slot and serves reads again
		standby = EmbeddedStandby.obtain(primary, folder, 0, Duration.ofSeconds(60));
		ReplicaRouting again = new ReplicaRouting(JdbcClient.create(primaryPool), pool(standby.jdbcUrl(), "it-replica-again"),
				standby.jdbcUrl(), Duration.ofSeconds(30), Duration.ofMillis(200), null, null);
		try {
			write("after restart");
			Served back = Eventually.value(WAIT, "the restarted standby serving what was written while it was down",
					() -> probe(again, "reader", "after restart"), r -> r.recovery() && r.rows() == 1);
			assertThat(back.port()).isEqualTo(standby.port());
		}
		finally {
			again.close();
		}
	}
}
