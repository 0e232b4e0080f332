package org.caremap.transition.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.transition.AdtBacklog;
import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Applies the messages kept as RECEIVED (acknowledged, waiting), through {@link AdtEffects#apply}, in the order
 * they arrived per order key (the sending facility and the patient), each exactly once.
 * <p>
 * Each applier thread takes, in one transaction, the next waiting message of each of the keys at the front of the
 * queue, locking their rows ({@code for update skip locked}): another thread or another node skips them, and the
 * later messages of the same key wait until this transaction ends. Reprocessing from the message log locks the same
 * row. The new status (APPLIED, UNMATCHED, STORED) is written in the transaction of the effects, so a crash applies
 * nothing twice and loses nothing: what was not committed is still RECEIVED and is applied after the restart.
 * <p>
 * When anything in a group fails, the group is rolled back and its messages are applied one by one: a message whose
 * content cannot be applied (a discharge without its time) becomes ERROR with the reason, for a person to look at
 * and process again from the message log; its key goes on. A message that fails for another reason is tried again
 * later, less and less often, and after {@value #ATTEMPTS} attempts it is ERROR too. When the database cannot be
 * reached nothing is counted: the threads wait and try again.
 */
@Component
class AdtApplier implements AdtBacklog, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AdtApplier.class);

	static final int ATTEMPTS = 10;
	private static final Duration POLL = Duration.ofMillis(500);
	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

	/**
	 * Among the oldest waiting messages (read without locks, along the index), the first of each key: the next to
	 * apply for that key (an earlier one of the key would come before it). A message kept before order keys existed
	 * has none: it is its own key.
	 */
	private static final String HEADS = """
			select id from (
			  select distinct on (coalesce(order_key, 'id:' || id)) id, arrival
			  from (select id, order_key, arrival from adt_message where status = 'RECEIVED' order by arrival limit ?) oldest
			  order by coalesce(order_key, 'id:' || id), arrival) heads
			order by arrival limit ?""";

	/**
	 * Of those, the ones still waiting and due, locked; those another thread or node holds are left to it. The text
	 * is read only of the messages this node does not hold read already (the second array).
	 */
	private static final String TAKE = """
			select id, case when id = any(?) then null else raw end,
			       case when id = any(?) then null else payload end, channel, received_at, received_by from adt_message
			where id = any(?) and status = 'RECEIVED' and (apply_after is null or apply_after <= now())
			order by arrival for update skip locked""";

	private record Waiting(UUID id, byte @Nullable [] raw, @Nullable String payload, String channel, Instant receivedAt,
			@Nullable String receivedBy) {
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AdtEffects effects;
	private final AuditTrail audit;
	private final AdtParser parser;
	private final int threads;
	private final int batch;
	private final double share;
	private final int busyRate;
	private final Duration maxDelay;
	private final Timer delay;
	private final Semaphore wakeUp = new Semaphore(0);
	private final List<Thread> workers = new ArrayList<>();
	private volatile boolean running;
	private volatile @Nullable Cached cached;
	/** Messages stored by this node, as read when they came: applied from here without reading them again. */
	private final java.util.Map<UUID, AdtMessage> read = new java.util.concurrent.ConcurrentHashMap<>();
	private static final int READ_AT_MOST = 20_000;

	private record Cached(Backlog backlog, long atNanos) {
	}

	AdtApplier(JdbcClient jdbc, TransactionTemplate tx, AdtEffects effects, AuditTrail audit, AdtProperties properties,
			MeterRegistry meters) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.effects = effects;
		this.audit = audit;
		this.parser = new AdtParser(properties.limits());
		this.threads = properties.applierThreads();
		this.batch = properties.batch();
		this.share = properties.shareWhileBusy();
		this.busyRate = properties.burstRate();
		this.maxDelay = properties.maxDelay();
		this.delay = Timer.builder("caremap.adt.applied.delay")
			.description("Time from an ADT message's acknowledgement (stored) to its applying")
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(meters);
		Gauge.builder("caremap.adt.backlog", this, a -> a.cachedBacklog().waiting())
			.description("ADT messages stored (acknowledged) and waiting to be applied")
			.register(meters);
		Gauge.builder("caremap.adt.backlog.oldest", this, a -> {
			Instant oldest = a.cachedBacklog().oldest();
			return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
		}).description("Age of the oldest ADT message waiting to be applied").baseUnit("seconds").register(meters);
	}

	@Override
	public Backlog backlog() {
		return jdbc.sql("""
				select count(*), (select received_at from adt_message where status = 'RECEIVED' order by arrival limit 1)
				from adt_message where status = 'RECEIVED'""")
			.query((rs, n) -> new Backlog(rs.getLong(1),
					rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
			.single();
	}

	/** The backlog for the metrics, read at most once a second; unknown (NaN) while the database cannot be reached. */
	private Backlog cachedBacklog() {
		Cached c = cached;
		long now = System.nanoTime();
		if (c != null && now - c.atNanos() < TimeUnit.SECONDS.toNanos(1)) return c.backlog();
		try {
			Backlog b = backlog();
			cached = new Cached(b, now);
			return b;
		}
		catch (RuntimeException ex) {
			return c == null ? new Backlog(0, null) : c.backlog();
		}
	}

	/** A message this node stored, as it was read: the applier need not read it again (when it has room for it). */
	void stored(UUID id, AdtMessage message) {
		if (read.size() < READ_AT_MOST) read.put(id, message);
	}

	/** Something was stored: an applier thread looks now instead of at its next round. */
	void wake() {
		storedCount.increment();
		if (wakeUp.availablePermits() < threads) wakeUp.release();
	}

	/**
	 * The feed is sending a burst now: at least {@code busy-rate} messages a second were stored over the last
	 * {@link #BUSY} (or longer, when nobody asked meanwhile). Taking messages comes first then (their senders wait for
	 * the ACK, on the same cores); the waiting ones are applied when the burst ends, or once one has waited
	 * {@code max-apply-delay}. A feed below that rate is applied as it comes, by every thread.
	 */
	private synchronized boolean feedBusy() {
		long now = System.nanoTime();
		if (now - sampledAt >= BUSY.toNanos()) {
			long count = storedCount.sum();
			bursting = (count - sampledCount) * 1e9 / (now - sampledAt) >= busyRate;
			sampledAt = now;
			sampledCount = count;
		}
		return bursting;
	}

	private static final Duration BUSY = Duration.ofMillis(200);
	private final java.util.concurrent.atomic.LongAdder storedCount = new java.util.concurrent.atomic.LongAdder();
	private long sampledAt = System.nanoTime();
	private long sampledCount;
	private boolean bursting;

	private void work(int thread) {
		Duration pause = Duration.ZERO;
		while (running) {
			try {
				boolean busy = feedBusy();
				boolean late = busy && thread == 0 && waitedTooLong();
				if (busy && !late && (thread > 0 || share == 0)) {
					// while the feed sends, one thread applies (or none); the others wait for a pause in the feed
					Thread.sleep(BUSY.toMillis() / 2);
					continue;
				}
				long began = System.nanoTime();
				int applied = SystemActor.call("adt-feed", List.of("SYSTEM"), this::applyGroup);
				pause = Duration.ZERO;
				if (applied == 0) {
					wakeUp.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
				}
				else if (busy && !late && share < 1) {
					// a share of the time while the feed sends: the backlog still shrinks, the senders' ACKs come first
					long worked = System.nanoTime() - began;
					TimeUnit.NANOSECONDS.sleep(Math.min((long) (worked * (1 - share) / share), 2 * BUSY.toNanos()));
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the database cannot be reached (or is restarting): wait, longer each time, and look again
				pause = pause.isZero() ? Duration.ofMillis(250) : min(pause.multipliedBy(2), LONGEST_PAUSE);
				if (running) log.warn("Applying ADT messages paused for {} ms: {}", pause.toMillis(), ex.getMessage());
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	/** Whether the oldest waiting message has waited longer than the feed may hold back its applying. */
	private boolean waitedTooLong() {
		Instant oldest = cachedBacklog().oldest();
		return oldest != null && oldest.isBefore(Instant.now().minus(maxDelay));
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	/** Applies the next group in one transaction; on a failure, each of its messages alone. Returns how many. */
	private int applyGroup() {
		List<Waiting> done = new ArrayList<>();
		List<UUID> taken = new ArrayList<>();
		try {
			tx.executeWithoutResult(s -> {
				List<Waiting> group = take();
				group.forEach(w -> taken.add(w.id()));
				for (Waiting w : group) {
					apply(w);
					done.add(w);
				}
			});
		}
		catch (RuntimeException ex) {
			if (taken.isEmpty() || unreachable(ex)) throw ex;
			log.debug("A group of {} ADT messages failed ({}); applying them one by one", taken.size(), ex.getMessage());
			for (UUID id : taken) applyAlone(id);
			return taken.size();
		}
		measured(done);
		return done.size();
	}

	/**
	 * The next message of as many keys as a group holds, locked. A key whose next message is taken by another thread
	 * (or node), or put off after a failure, is skipped as a whole: its later messages wait behind it.
	 */
	private List<Waiting> take() {
		List<UUID> heads = jdbc.sql(HEADS).params(Math.max(1000, batch * 20), batch).query(UUID.class).list();
		if (heads.isEmpty()) return List.of();
		UUID[] known = heads.stream().filter(read::containsKey).toArray(UUID[]::new);
		return jdbc.sql(TAKE).params(known, known, heads.toArray(UUID[]::new)).query(AdtApplier::waiting).list();
	}

	private static Waiting waiting(java.sql.ResultSet rs, int n) throws SQLException {
		return new Waiting(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getString(3), rs.getString(4),
				rs.getTimestamp(5).toInstant(), rs.getString(6));
	}

	/** The message, if it still waits and nobody else holds it, in a transaction of its own. */
	private void applyAlone(UUID id) {
		Waiting[] taken = new Waiting[1];
		try {
			tx.executeWithoutResult(s -> jdbc.sql("""
					select id, raw, payload, channel, received_at, received_by from adt_message
					where id = ? and status = 'RECEIVED' for update skip locked""")
				.param(id).query(AdtApplier::waiting).optional().ifPresent(w -> {
					taken[0] = w;
					apply(w);
				}));
			if (taken[0] != null) measured(List.of(taken[0]));
		}
		catch (RuntimeException ex) {
			if (unreachable(ex)) throw ex;
			if (content(ex)) {
				failed(id, reason(ex), true);
			}
			else {
				log.warn("ADT message {} could not be applied now; it is tried again later", id, ex);
				failed(id, reason(ex), false);
			}
		}
	}

	/** Applies one message and writes its new status, in the caller's transaction, its row locked. */
	private void apply(Waiting w) {
		AdtMessage m = read.remove(w.id());
		if (m == null) {
			try {
				if (w.raw() == null && w.payload() == null) {
					// read by this node when it came, but no longer held (another thread took it meanwhile): read again
					w = jdbc.sql("select id, raw, payload, channel, received_at, received_by from adt_message where id = ?")
						.param(w.id()).query(AdtApplier::waiting).single();
				}
				m = w.raw() != null ? parser.parse(w.raw()) : parser.parse(java.util.Objects.requireNonNull(w.payload()));
			}
			catch (AdtParser.Refusal refusal) {
				throw new DomainException("adt.unreadable", refusal.getMessage(), refusal.getMessage());
			}
		}
		AdtEffects.Applied applied = effects.apply(w.id(), m);
		int updated = jdbc.sql("""
				update adt_message set status = ?, patient_id = ?, encounter_id = ?, error = ?, processed_at = clock_timestamp(),
				       apply_after = null
				where id = ? and status = 'RECEIVED'""")
			.params(applied.status(), applied.patient(), applied.encounter(), applied.note(), w.id()).update();
		if (updated != 1) throw new IllegalStateException("ADT message " + w.id() + " is no longer waiting");
		// the audit trail names who sent it (over HTTP, the client whose token was presented)
		AuditEntry entry = new AuditEntry("CREATE", "AdtMessage", w.id().toString(),
				applied.patient() == null ? null : new PatientId(applied.patient()), AuditOutcome.SUCCESS,
				m.event() + " " + applied.status() + " via " + w.channel());
		SystemActor.run(w.receivedBy() == null ? "adt-feed" : w.receivedBy(), List.of("SYSTEM"), () -> audit.record(entry));
	}

	/**
	 * A failed message: ERROR with its reason when its content is the cause, or after too many attempts; otherwise
	 * tried again later (1 s, 2 s, 4 s... at most 10 minutes), its key waiting meanwhile.
	 */
	private void failed(UUID id, String reason, boolean content) {
		tx.executeWithoutResult(s -> jdbc.sql("""
				update adt_message set attempts = attempts + 1, error = ?,
				       status = case when ? or attempts + 1 >= ? then 'ERROR' else status end,
				       processed_at = case when ? or attempts + 1 >= ? then clock_timestamp() end,
				       apply_after = now() + least(interval '10 minutes', interval '1 second' * power(2, attempts))
				where id = ? and status = 'RECEIVED'""")
			.params(reason, content, ATTEMPTS, content, ATTEMPTS, id).update());
	}

	private static boolean content(Throwable ex) {
		return ex instanceof DomainException || ex instanceof IllegalArgumentException
				|| ex instanceof DataIntegrityViolationException || ex instanceof java.util.NoSuchElementException;
	}

	/** The database cannot be reached, or asks to try again (deadlock, serialization, restarting): nobody's fault. */
	static boolean unreachable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
					|| t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().startsWith("53")
							|| sql.getSQLState().startsWith("40"))) {
				return true;
			}
			if (t.getCause() == t) break;
		}
		return false;
	}

	private static String reason(Throwable ex) {
		String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		text = text.replace('\0', '\uFFFD');
		return text.length() > 2000 ? text.substring(0, 2000) : text;
	}

	private void measured(List<Waiting> applied) {
		Instant now = Instant.now();
		for (Waiting w : applied) delay.record(Duration.between(w.receivedAt(), now).abs());
	}

	@Override
	public void start() {
		running = true;
		for (int i = 0; i < threads; i++) {
			int index = i;
			Thread t = new Thread(() -> work(index), "adt-applier-" + (i + 1));
			t.setDaemon(true);
			t.setUncaughtExceptionHandler((thread, ex) -> log.error("Uncaught in {}", thread.getName(), ex));
			workers.add(t);
			t.start();
		}
	}

	@Override
	public void stop() {
		running = false;
		workers.forEach(Thread::interrupt);
		for (Thread t : workers) {
			try {
				t.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		workers.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// starts before the store and the listener, stops after them
		return Integer.MAX_VALUE - 4000;
	}
}
