package org.caremap.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Group commit of the web requests' read events: each request hands over its rows and waits; one writer thread
 * takes everything handed over meanwhile, writes it in one transaction (multi-row inserts) and commits it, then
 * lets every waiting request go on. So sixteen requests finishing together pay for one durable flush of the WAL,
 * not sixteen, and a request still answers only once its events are on disk.
 * <p>
 * The meters {@code caremap.audit.group.commits} and {@code caremap.audit.group.rows} (rows per commit) tell how
 * much is grouped.
 */
@Component
class AuditGroupCommit implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AuditGroupCommit.class);

	/** How long a request waits for its events to be written before it fails (the database is gone). */
	static final Duration WAIT = Duration.ofSeconds(30);

	/** The most rows written in one commit; more wait for the next. */
	static final int MOST_ROWS = 5_000;

	private record Handed(List<Object[]> rows, CompletableFuture<Void> written) {
	}

	private final AuditPool pool;
	private final LinkedBlockingQueue<Handed> queue = new LinkedBlockingQueue<>();
	private final Thread writer;
	private final Counter commits;
	private final DistributionSummary rowsPerCommit;
	private volatile boolean running = true;

	AuditGroupCommit(AuditPool pool, MeterRegistry meters) {
		this.pool = pool;
		this.commits = Counter.builder("caremap.audit.group.commits")
			.description("Commits of web requests' read events").register(meters);
		this.rowsPerCommit = DistributionSummary.builder("caremap.audit.group.rows")
			.description("Read events written per commit").register(meters);
		this.writer = new Thread(this::run, "caremap-audit-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/** Writes the rows durably, together with whatever other requests hand over at the same time; returns once committed. */
	void write(List<Object[]> rows) {
		if (rows.isEmpty()) return;
		if (!running || !writer.isAlive()) {
			pool.insert(rows);
			return;
		}
		Handed handed = new Handed(rows, new CompletableFuture<>());
		queue.add(handed);
		long deadline = System.nanoTime() + WAIT.toNanos();
		try {
			while (true) {
				try {
					handed.written().get(250, TimeUnit.MILLISECONDS);
					return;
				}
				catch (TimeoutException notYet) {
					// the writer stopped (shutdown, or it died): what it did not take is written here
					if ((!running || !writer.isAlive()) && queue.remove(handed)) {
						pool.insert(rows);
						return;
					}
					if (System.nanoTime() > deadline) throw new AuditNotWritten(notYet);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditNotWritten(ex);
		}
		catch (ExecutionException ex) {
			throw new AuditNotWritten(ex.getCause());
		}
	}

	/** Requests waiting for the writer to take their rows. */
	int waiting() {
		return queue.size();
	}

	private void run() {
		while (running || !queue.isEmpty()) {
			Handed first;
			try {
				first = queue.poll(500, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (first == null) continue;
			List<Handed> group = new ArrayList<>();
			group.add(first);
			int rows = first.rows().size();
			Handed next;
			while (rows < MOST_ROWS && (next = queue.poll()) != null) {
				group.add(next);
				rows += next.rows().size();
			}
			List<Object[]> all = new ArrayList<>(rows);
			for (Handed h : group) all.addAll(h.rows());
			try {
				pool.insert(all);
				commits.increment();
				rowsPerCommit.record(all.size());
				for (Handed h : group) h.written().complete(null);
			}
			catch (Throwable ex) {
				if (group.size() == 1) {
					first.written().completeExceptionally(ex);
					continue;
				}
				// one request's rows must not fail the others': each is tried on its own
				log.warn("Audit events of {} requests could not be written together ({}); writing each on its own",
						group.size(), ex.toString());
				for (Handed h : group) {
					try {
						pool.insert(h.rows());
						commits.increment();
						rowsPerCommit.record(h.rows().size());
						h.written().complete(null);
					}
					catch (Throwable each) {
						h.written().completeExceptionally(each);
					}
				}
			}
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		// the writer sees this within its poll (half a second) and ends after what it has taken
		running = false;
		writer.join(WAIT.toMillis());
		Handed late;
		while ((late = queue.poll()) != null) {
			try {
				pool.insert(late.rows());
				late.written().complete(null);
			}
			catch (RuntimeException ex) {
				late.written().completeExceptionally(ex);
			}
		}
	}

	/** The request's audit events could not be written: it must not answer with the data it read. */
	static final class AuditNotWritten extends RuntimeException {
		AuditNotWritten(Throwable cause) {
			super("the audit events of this request could not be written", cause);
		}
	}
}
