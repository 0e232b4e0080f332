package org.caremap.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@link ReplicaReads} over one replica: a check every {@code checkEvery} compares the primary's WAL position with
 * the replica's replayed one (lag in bytes) and finds since when the replica misses a change (lag in seconds, from the
 * primary's positions kept at each check); reads go to the replica while it is up, in recovery and within the bound,
 * and a caller's reads only once it has replayed that caller's last write. Without a replica every read is the
 * primary's and nothing is checked.
 */
final class ReplicaRouting implements ReplicaReads, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

	/** The primary's position at one check. */
	private record Sample(Instant at, long lsn) {
	}

	/** The replica at one check. */
	private record State(boolean up, long replayLsn, double lagSeconds, long lagBytes, @Nullable Instant checkedAt) {
	}

	/** A caller's last write: the primary's position then. */
	private record Written(long lsn, Instant at) {
	}

	private final JdbcClient primary;
	private final @Nullable JdbcClient replica;
	private final @Nullable DataSource replicaPool;
	private final String url;
	private final Duration maxLag;
	private final @Nullable AutoCloseable standby;
	private final Clock clock = Clock.systemUTC();
	private final Map<String, Written> writes = new ConcurrentHashMap<>();
	private final Deque<Sample> samples = new ArrayDeque<>();
	private final int keptSamples;
	private final @Nullable ScheduledExecutorService checks;
	private volatile State state = new State(false, 0, Double.NaN, -1, null);
	private volatile @Nullable Boolean serving;
	private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
	private @Nullable Counter onReplica;
	private @Nullable Counter onPrimary;

	/** Without a replica: every read on the primary. */
	ReplicaRouting(JdbcClient primary) {
		this.primary = primary;
		this.replica = null;
		this.replicaPool = null;
		this.url = "";
		this.maxLag = Duration.ZERO;
		this.standby = null;
		this.keptSamples = 0;
		this.checks = null;
	}

	/**
	 * Over a replica (its pool closed with this; {@code standby}, the embedded standby if any, stopped after it). The
	 * first check runs now, so that the start's log line says where the replica stands.
	 */
	ReplicaRouting(JdbcClient primary, DataSource replicaPool, String url, Duration maxLag, Duration checkEvery,
			@Nullable AutoCloseable standby, @Nullable MeterRegistry meters) {
		this.primary = primary;
		this.replicaPool = replicaPool;
		this.replica = JdbcClient.create(replicaPool);
		this.url = url;
		this.maxLag = maxLag;
		this.standby = standby;
		// the primary's positions over four times the bound (at least two minutes): older misses are reported as that old
		long window = Math.max(maxLag.multipliedBy(4).toMillis(), Duration.ofMinutes(2).toMillis());
		this.keptSamples = (int) Math.max(8, window / Math.max(1, checkEvery.toMillis()));
		if (meters != null) {
			Gauge.builder("caremap.db.replica.lag", this, r -> r.state.lagSeconds)
				.description("How long ago the oldest change the replica has not replayed was made on the primary")
				.baseUnit("seconds")
				.register(meters);
			Gauge.builder("caremap.db.replica.lag.bytes", this, r -> r.state.lagBytes < 0 ? Double.NaN : r.state.lagBytes)
				.description("WAL the replica has not replayed yet")
				.baseUnit("bytes")
				.register(meters);
			Gauge.builder("caremap.db.replica.up", this, r -> r.state.up ? 1 : 0)
				.description("1 while the replica answers and is in recovery")
				.register(meters);
			onReplica = Counter.builder("caremap.db.replica.reads").tag("served.by", "replica")
				.description("Reads that tolerate lag, by where they were served").register(meters);
			onPrimary = Counter.builder("caremap.db.replica.reads").tag("served.by", "primary")
				.description("Reads that tolerate lag, by where they were served").register(meters);
		}
		check();
		State now = state;
		log.info("Replica: reads that tolerate lag go to {} while it lags at most {} s; now {}", url, maxLag.toSeconds(),
				now.up() ? String.format(Locale.ROOT, "up, %.1f s and %d bytes behind", now.lagSeconds(), now.lagBytes())
						: "down: reads go to the primary until it answers");
		this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "caremap-replica-check");
			t.setDaemon(true);
			return t;
		});
		checks.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean configured() {
		return replica != null;
	}

	@Override
	public Optional<Status> status() {
		if (replica == null) return Optional.empty();
		State s = state;
		return Optional.of(new Status(url, s.up(), s.lagSeconds(), s.lagBytes(), Boolean.TRUE.equals(serving), s.checkedAt()));
	}

	@Override
	public <T> T read(Function<JdbcClient, T> work) {
		if (replica == null) return work.apply(primary);
		return read(currentCaller(), work);
	}

	@Override
	public <T> T read(@Nullable String caller, Function<JdbcClient, T> work) {
		JdbcClient replica = this.replica;
		if (replica == null || !usable(caller)) {
			count(onPrimary);
			return work.apply(primary);
		}
		try {
			T result = work.apply(replica);
			count(onReplica);
			return result;
		}
		catch (DataAccessException ex) {
			if (!replicaTrouble(ex)) throw ex;
			// the replica went away, or cancelled the read to replay a change it conflicted with: the primary answers
			if (ex instanceof DataAccessResourceFailureException) down(ex);
			log.debug("A read on the replica failed ({}); read on the primary", ex.getMessage());
			count(onPrimary);
			return work.apply(primary);
		}
	}

	@Override
	public void wrote(@Nullable String caller) {
		if (replica == null || caller == null) return;
		try {
			long lsn = lsn(primary.sql("select pg_current_wal_insert_lsn()::text").query(String.class).single());
			writes.merge(caller, new Written(lsn, clock.instant()), (a, b) -> a.lsn() > b.lsn() ? a : b);
		}
		catch (DataAccessException ex) {
			// the primary is down: nothing is read anywhere meanwhile; the next write is remembered
			log.debug("Could not read the primary's WAL position: {}", ex.getMessage());
		}
	}

	/** Whether this caller may be served by the replica now. */
	private boolean usable(@Nullable String caller) {
		State s = state;
		boolean ok = s.up() && s.lagSeconds() <= maxLag.toSeconds();
		if (!ok || caller == null) return ok;
		Written mine = writes.get(caller);
		if (mine == null || mine.lsn() <= s.replayLsn()) return true;
		// the last check is older than the caller's write: ask the replica where it stands now
		try {
			String replayed = replica.sql("select pg_last_wal_replay_lsn()::text").query(String.class).single();
			return replayed != null && lsn(replayed) >= mine.lsn();
		}
		catch (DataAccessException ex) {
			if (ex instanceof DataAccessResourceFailureException) down(ex);
			return false;
		}
	}

	private static boolean replicaTrouble(DataAccessException ex) {
		return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof RecoverableDataAccessException;
	}

	private void down(Exception ex) {
		State was = state;
		state = new State(false, was.replayLsn(), Double.NaN, -1, clock.instant());
		serve(false, "the replica does not answer (" + ex.getMessage() + ")");
	}

	/** One check: the primary's position, then the replica's; the lag from both. */
	synchronized void check() {
		Instant now = clock.instant();
		long primaryLsn;
		try {
			primaryLsn = lsn(primary.sql("select pg_current_wal_insert_lsn()::text").query(String.class).single());
		}
		catch (DataAccessException ex) {
			return; // the primary is down: nothing to compare with
		}
		samples.addLast(new Sample(now, primaryLsn));
		while (samples.size() > keptSamples) samples.removeFirst();
		writes.values().removeIf(w -> w.at().isBefore(now.minus(maxLag.multipliedBy(2))));
		try {
			record Replayed(boolean recovery, @Nullable String lsn) {
			}
			Replayed r = replica.sql("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")
				.query((rs, n) -> new Replayed(rs.getBoolean(1), rs.getString(2)))
				.single();
			if (!r.recovery() || r.lsn() == null) {
				// promoted, or not a standby at all: its data are no longer the primary's
				state = new State(false, 0, Double.NaN, -1, now);
				serve(false, "the replica is not in recovery (promoted, or not a standby)");
				return;
			}
			long replayed = lsn(r.lsn());
			double seconds = 0;
			if (replayed < primaryLsn) {
				// since when the primary holds a change the replica has not replayed: the first check that saw it
				Instant since = now;
				for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext();) {
					Sample s = it.next();
					if (s.lsn() <= replayed) break;
					since = s.at();
				}
				seconds = Duration.between(since, now).toMillis() / 1000.0;
			}
			state = new State(true, replayed, seconds, Math.max(0, primaryLsn - replayed), now);
			if (seconds > maxLag.toSeconds()) {
				serve(false, String.format(Locale.ROOT, "the replica lags %.1f s, more than %d s", seconds, maxLag.toSeconds()));
			}
			else serve(true, String.format(Locale.ROOT, "the replica is %.1f s behind", seconds));
		}
		catch (DataAccessException ex) {
			state = new State(false, state.replayLsn(), Double.NaN, -1, now);
			serve(false, "the replica does not answer (" + ex.getMessage() + ")");
		}
	}

	/** Logs each change of where reads go. */
	private synchronized void serve(boolean replica, String why) {
		Boolean was = serving;
		serving = replica;
		// the first check is said by the start's log line
		if (was == null || was == replica) return;
		if (replica) log.info("Replica: reads that tolerate lag go to the replica again: {}", why);
		else log.warn("Replica: reads that tolerate lag go to the primary: {}", why);
	}

	private static void count(@Nullable Counter counter) {
		if (counter != null) counter.increment();
	}

	private static @Nullable String currentCaller() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth == null || !auth.isAuthenticated() ? null : auth.getName();
	}

	/** A WAL position ({@code 16/B374D848}) as a number. */
	static long lsn(String text) {
		int slash = text.indexOf('/');
		return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
	}

	@Override
	public void close() {
		if (closed.getAndSet(true)) return;
		if (checks != null) checks.shutdownNow();
		state = new State(false, state.replayLsn(), Double.NaN, -1, clock.instant());
		if (replicaPool instanceof AutoCloseable pool) {
			try {
				pool.close();
			}
			catch (Exception ex) {
				log.warn("The replica's pool did not close cleanly", ex);
			}
		}
		if (standby != null) {
			try {
				standby.close();
			}
			catch (Exception ex) {
				log.warn("The embedded standby did not stop cleanly", ex);
			}
		}
	}
}
