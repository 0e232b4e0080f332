package org.caremap.transition.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ADT feed: the MLLP port (0 picks a free one, -1 turns the listener off), the zone of times sent without an
 * offset (the organisation's zone when not set), the largest message accepted, how long a connection may stay
 * silent, and how many connections are served at once.
 */
@ConfigurationProperties("caremap.adt")
record AdtProperties(@Nullable Integer mllpPort, java.time.@Nullable ZoneId feedZone, @Nullable Integer maxMessageBytes,
		@Nullable Duration idleTimeout, @Nullable Integer maxConnections) {

	int port() {
		return mllpPort == null ? 2575 : mllpPort;
	}

	int maxBytes() {
		return maxMessageBytes == null ? 1_048_576 : maxMessageBytes;
	}

	Duration idle() {
		return idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
	}

	int connections() {
		return maxConnections == null ? 32 : maxConnections;
	}
}
