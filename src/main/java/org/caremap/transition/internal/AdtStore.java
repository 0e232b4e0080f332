package org.caremap.transition.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.caremap.shared.Ids;
import org.caremap.transition.AdtInbox;
import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps received messages, durably, before they are acknowledged: each is inserted as RECEIVED (waiting to be
 * applied) with its order key, or recognised as a resend of one kept already (same sender, control id and text),
 * which is counted and not kept twice.
 * <p>
 * With group commit (the default) one writer thread takes whatever the connections have handed it meanwhile and
 * stores it all in one transaction: one wait for the disk instead of one per message. Each caller waits for the
 * commit of its own message, so an ACK still only goes out once its message is on disk. When a group fails, its
 * messages are stored again one by one, so that one bad message fails alone.
 */
@Component
class AdtStore implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AdtStore.class);

	/** At most this many messages in one transaction. */
	private static final int GROUP = 200;

	/** A caller waits this long for its message to be stored; after that it answers AR and the sender sends again. */
	private static final long WAIT_SECONDS = 30;

	/** A message to keep, parsed, with who sent it (the audit trail names them when it is applied). */
	record Incoming(byte[] raw, String text, String sha256, AdtInbox.Channel channel, AdtMessage message, String orderKey,
			String actor) {
	}

	/** What became of it: its id, and whether it was a resend of one kept already. */
	record Stored(UUID id, boolean resend) {
	}

	/** The store is not taking messages (the application is stopping). */
	static final class Unavailable extends DataAccessResourceFailureException {
		Unavailable(String reason) {
			super(reason);
		}
	}

	private record Pending(Incoming incoming, CompletableFuture<Stored> done) {
	}

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final AdtApplier applier;
	private final boolean grouped;
	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private volatile @Nullable Thread writer;
	private volatile boolean running;

	AdtStore(JdbcClient jdbc, TransactionTemplate tx, AdtApplier applier, AdtProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.applier = applier;
		this.grouped = properties.grouped();
	}

	/** Stores the message, durably, and returns once committed; throws when it could not be stored. */
	Stored store(Incoming incoming) {
		if (!grouped) {
			Stored stored = insert(incoming); // one statement: its own transaction, committed when it returns
			if (!stored.resend()) applier.stored(stored.id(), incoming.message());
			applier.wake();
			return stored;
		}
		if (!running) throw new Unavailable("the ADT store is stopping");
		Pending pending = new Pending(incoming, new CompletableFuture<>());
		queue.add(pending);
		try {
			return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) throw cause;
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			// it may still be stored: the sender's resend is then recognised as such
			throw new Unavailable("the message was not stored within " + WAIT_SECONDS + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted while storing the message");
		}
	}

	/**
	 * One statement: a new message is inserted, a resend (same sender, control id and text) only counted; a reused
	 * control id with another text is a new message, flagged. Outside a transaction it commits by itself.
	 */
	private Stored insert(Incoming in) {
		AdtMessage m = in.message();
		UUID id = Ids.newId();
		Inserted row = jdbc.sql("""
				insert into adt_message (id, channel, sending_app, sending_facility, control_id, event, version, payload, raw,
				                         payload_sha256, status, ack_code, reused_control_id, order_key, received_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 'AA',
				        exists (select 1 from adt_message where sending_app = ? and sending_facility = ? and control_id = ?), ?, ?)
				on conflict (sending_app, sending_facility, control_id, payload_sha256)
				do update set resends = adt_message.resends + 1
				returning id, xmax = 0""")
			.params(id, in.channel().name(), m.sendingApplication(), m.sendingFacility(), m.controlId(), m.event(), m.version(),
					in.text(), in.raw(), in.sha256(), m.sendingApplication(), m.sendingFacility(), m.controlId(), in.orderKey(),
					in.actor())
			.query((rs, n) -> new Inserted(rs.getObject(1, UUID.class), rs.getBoolean(2))).single();
		return new Stored(row.id(), !row.inserted());
	}

	private record Inserted(UUID id, boolean inserted) {
	}

	private void write() {
		List<Pending> group = new ArrayList<>(GROUP);
		while (running) {
			try {
				group.add(queue.take());
				queue.drainTo(group, GROUP - 1);
				storeGroup(group);
			}
			catch (InterruptedException ex) {
				break;
			}
			catch (RuntimeException ex) {
				log.error("The ADT writer failed", ex);
				group.forEach(p -> p.done().completeExceptionally(ex));
			}
			finally {
				group.clear();
			}
		}
		for (Pending left; (left = queue.poll()) != null;) left.done().completeExceptionally(new Unavailable("the ADT store stopped"));
	}

	private void storeGroup(List<Pending> group) {
		List<Stored> stored;
		try {
			stored = tx.execute(s -> group.stream().map(p -> insert(p.incoming())).toList());
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				group.get(0).done().completeExceptionally(ex);
				return;
			}
			// one by one, so that only what cannot be stored fails
			for (Pending p : group) {
				try {
					Stored one = insert(p.incoming());
					if (!one.resend()) applier.stored(one.id(), p.incoming().message());
					p.done().complete(one);
				}
				catch (RuntimeException one) {
					p.done().completeExceptionally(one);
				}
			}
			applier.wake();
			return;
		}
		for (int i = 0; i < group.size(); i++) {
			Stored one = java.util.Objects.requireNonNull(stored).get(i);
			if (!one.resend()) applier.stored(one.id(), group.get(i).incoming().message());
			group.get(i).done().complete(one);
		}
		applier.wake();
	}

	@Override
	public void start() {
		running = true;
		if (!grouped) return;
		Thread t = new Thread(this::write, "adt-writer");
		t.setDaemon(true);
		t.setUncaughtExceptionHandler((thread, ex) -> log.error("Uncaught in {}", thread.getName(), ex));
		writer = t;
		t.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread t = writer;
		writer = null;
		if (t != null) {
			t.interrupt();
			try {
				t.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// starts before the MLLP listener and stops after it
		return Integer.MAX_VALUE - 3000;
	}
}
