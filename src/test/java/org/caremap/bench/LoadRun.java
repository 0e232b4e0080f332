package org.caremap.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load: {@code clients} threads each repeat their own request as fast as answers come for a fixed
 * time; latencies of every answer are kept, failures counted (the first one kept to show).
 */
final class LoadRun {

	/** One client's request: returns normally when the answer was right, throws otherwise. */
	interface Client {
		void call(int iteration) throws Exception;
	}

	record Result(String name, int clients, long completed, long failed, double seconds, double p50, double p95, double p99,
			String firstFailure) {

		double throughput() {
			return completed / seconds;
		}

		String json() {
			return String.format(Locale.ROOT, "{\"name\":\"%s\",\"clients\":%d,\"completed\":%d,\"failed\":%d,\"seconds\":%.1f,"
					+ "\"throughput\":%.1f,\"p50ms\":%.2f,\"p95ms\":%.2f,\"p99ms\":%.2f}", name, clients, completed, failed,
					seconds, throughput(), p50, p95, p99);
		}
	}

	private LoadRun() {
	}

	static Result run(String name, List<Client> clients, Duration duration) throws InterruptedException {
		int n = clients.size();
		long[][] latencies = new long[n][];
		int[] counts = new int[n];
		long[] failures = new long[n];
		AtomicReference<String> firstFailure = new AtomicReference<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch ready = new CountDownLatch(n);
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int k = i;
			latencies[k] = new long[1 << 16];
			Thread t = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				int iteration = 0;
				while (!stop.get()) {
					long start = System.nanoTime();
					try {
						clients.get(k).call(iteration++);
						long took = System.nanoTime() - start;
						if (stop.get()) break;
						if (counts[k] == latencies[k].length) latencies[k] = Arrays.copyOf(latencies[k], counts[k] * 2);
						latencies[k][counts[k]++] = took;
					}
					catch (Exception ex) {
						failures[k]++;
						firstFailure.compareAndSet(null, ex.toString());
					}
				}
			}, name + "-" + i);
			threads.add(t);
			t.start();
		}
		ready.await();
		long started = System.nanoTime();
		go.countDown();
		Thread.sleep(duration.toMillis());
		stop.set(true);
		double seconds = (System.nanoTime() - started) / 1e9;
		for (Thread t : threads) t.join();
		int total = Arrays.stream(counts).sum();
		long[] all = new long[total];
		int at = 0;
		for (int i = 0; i < n; i++) {
			System.arraycopy(latencies[i], 0, all, at, counts[i]);
			at += counts[i];
		}
		Arrays.sort(all);
		return new Result(name, n, total, Arrays.stream(failures).sum(), seconds, percentile(all, 0.50), percentile(all, 0.95),
				percentile(all, 0.99), firstFailure.get());
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) return Double.NaN;
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}
}
