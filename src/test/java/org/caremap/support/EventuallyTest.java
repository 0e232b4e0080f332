package org.caremap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The poll helper returns as soon as the condition holds, and fails clearly when it never does. */
class EventuallyTest {

	@Test
	void returnsTheFirstAcceptedValue() {
		AtomicInteger looks = new AtomicInteger();
		int seen = Eventually.value(Duration.ofMinutes(1), "the third look", looks::incrementAndGet, n -> n >= 3);
		assertThat(seen).isEqualTo(3);
		assertThat(looks).hasValue(3);
	}

	@Test
	void failsAfterTheDeadlineNamingWhatWasAwaitedAndWhatWasSeen() {
		assertThatThrownBy(() -> Eventually.value(Duration.ofMillis(100), "the answer to be 42", () -> 41, n -> n == 42))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("the answer to be 42")
			.hasMessageContaining("last seen: 41");
		assertThatThrownBy(() -> Eventually.until(Duration.ofMillis(50), "never", () -> false))
			.isInstanceOf(AssertionError.class).hasMessageContaining("for: never");
	}

	@Test
	void aFailingProbeEndsTheWaitAtOnce() {
		AtomicInteger looks = new AtomicInteger();
		assertThatThrownBy(() -> Eventually.value(Duration.ofMinutes(1), "a page", () -> {
			looks.incrementAndGet();
			throw new java.io.IOException("connection refused");
		}, x -> true)).isInstanceOf(IllegalStateException.class).hasRootCauseMessage("connection refused");
		assertThat(looks).hasValue(1);
	}
}
