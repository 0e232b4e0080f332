package org.caremap.support;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two calls that race, made to meet at a lock every time: the first runs in a transaction held open until the second
 * (on its own thread) waits for a lock in a statement PostgreSQL shows as waiting (matched with {@code like}); then
 * the first commits and the second goes on. What each returned, or the runtime exception the second threw.
 */
public final class Race {

	/** What the first call returned, and what the second returned or threw. */
	public record Outcome(Object first, Object second) {
	}

	private Race() {
	}

	public static Outcome run(TransactionTemplate transactions, JdbcClient jdbc, String waitingStatementLike,
			Callable<?> first, Callable<?> second) throws Exception {
		CountDownLatch firstDone = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Object> held = pool.submit(() -> transactions.execute(status -> {
				Object result;
				try {
					result = first.call();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					firstDone.countDown();
				}
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return result;
			}));
			firstDone.await();
			Future<Object> racing = pool.submit(() -> {
				try {
					return second.call();
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			Eventually.until("the second call waits for the first one's lock", () -> jdbc.sql("""
					select count(*) > 0 from pg_stat_activity where wait_event_type = 'Lock' and query like ?""")
				.param(waitingStatementLike).query(Boolean.class).single());
			release.countDown();
			return new Outcome(held.get(), racing.get());
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}
}
