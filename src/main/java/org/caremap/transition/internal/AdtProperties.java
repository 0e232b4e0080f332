package org.caremap.transition.internal;

import org.caremap.shared.AddressRange;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The ADT feed ({@code caremap.adt.*}); every setting has a default:
 * <ul>
 * <li>{@code mllp-port} (2575): the MLLP port; 0 picks a free one, -1 turns the listener off.</li>
 * <li>{@code feed-zone} (the organisation's zone): the zone of times sent without an offset.</li>
 * <li>{@code max-message-bytes} (1048576, 1 MiB): the largest message taken, on every channel; a larger one is
 * answered AE and only its start is kept.</li>
 * <li>{@code max-segments} (1000), {@code max-segment-length} (131072 characters) and {@code max-field-length}
 * (65536 characters, a field with all its repetitions and components): larger messages are answered AE with an
 * ERR segment naming the limit, and kept as refused.</li>
 * <li>{@code idle-timeout} (10 minutes): how long a connection may stay silent between messages.</li>
 * <li>{@code frame-timeout} (30 seconds): how long a message may take from its start byte (0x0B) to its end, and
 * how long a TLS handshake or the writing of an ACK may take.</li>
 * <li>{@code max-connections} (32): connections served at once. When all are taken, a new connection takes the
 * place of the one idle longest (one that never sent a message first); it is refused only when every connection is
 * in the middle of a message.</li>
 * <li>{@code max-connections-per-sender} (8): connections from one address at once; more are closed at once.</li>
 * <li>{@code allowed-senders} (empty: anyone): the addresses or CIDR ranges ({@code 10.20.0.5},
 * {@code 10.20.0.0/24}, {@code 2001:db8::/48}) that may connect; others are closed at once, logged and audited.
 * Addresses only, no host names (nothing is looked up).</li>
 * <li>{@code ssl-bundle} (none: plain TCP): the name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*});
 * when set, the port speaks MLLP over TLS only.</li>
 * <li>{@code ssl-client-auth} ({@code none}): {@code need} requires a client certificate the bundle's trust store
 * trusts, {@code want} asks for one.</li>
 * <li>{@code appliers} (2): threads applying stored messages on this node; 0 leaves applying to the other nodes.</li>
 * <li>{@code apply-batch} (50): messages (of different patients) applied in one transaction.</li>
 * <li>{@code group-commit} (false): true hands the messages arriving at once on all connections to one writer that
 * stores them in one transaction, each acknowledged after that commit; false (faster, measured) stores each in a
 * transaction of its own on its connection's thread, PostgreSQL flushing the commits that wait at once together.</li>
 * <li>{@code busy-rate} (250): from this many messages stored per second (over 200 ms) the feed is sending a burst;
 * below it, every applier thread applies messages as they come.</li>
 * <li>{@code apply-share-while-busy} (0.33): during a burst, the share of its time one applier thread applies; the
 * others wait for the burst to end. 0 applies nothing during a burst, so that the acknowledgements have the cores,
 * until a message has waited {@code max-apply-delay}; 1 applies without pausing.</li>
 * <li>{@code max-apply-delay} (60 seconds): once the oldest waiting message has waited this long, one thread applies
 * without pausing, however busy the feed.</li>
 * </ul>
 */
@ConfigurationProperties("caremap.adt")
record AdtProperties(@Nullable Integer mllpPort, @Nullable ZoneId feedZone, @Nullable Integer maxMessageBytes,
		@Nullable Integer maxSegments, @Nullable Integer maxSegmentLength, @Nullable Integer maxFieldLength,
		@Nullable Duration idleTimeout, @Nullable Duration frameTimeout, @Nullable Integer maxConnections,
		@Nullable Integer maxConnectionsPerSender, @Nullable List<String> allowedSenders, @Nullable String sslBundle,
		@Nullable ClientAuth sslClientAuth, @Nullable Integer appliers, @Nullable Integer applyBatch,
		@Nullable Boolean groupCommit, @Nullable Integer busyRate, @Nullable Double applyShareWhileBusy, @Nullable Duration maxApplyDelay) {

	/** Whether a TLS client must, may or need not present a certificate. */
	enum ClientAuth {
		NONE, WANT, NEED
	}

	AdtProperties {
		allowedSenders = allowedSenders == null ? List.of()
				: allowedSenders.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
		allowedSenders.forEach(AddressRange::parse); // a mistyped range stops the start, it is not skipped
		positive("max-message-bytes", maxMessageBytes);
		positive("max-segments", maxSegments);
		positive("max-segment-length", maxSegmentLength);
		positive("max-field-length", maxFieldLength);
		positive("max-connections", maxConnections);
		positive("max-connections-per-sender", maxConnectionsPerSender);
		positive("apply-batch", applyBatch);
		positive("busy-rate", busyRate);
		if (appliers != null && appliers < 0) throw new IllegalArgumentException("caremap.adt.appliers must be at least 0");
		if (applyShareWhileBusy != null && (applyShareWhileBusy < 0 || applyShareWhileBusy > 1)) {
			throw new IllegalArgumentException("caremap.adt.apply-share-while-busy must be between 0 and 1");
		}
		if (maxApplyDelay != null && (maxApplyDelay.isNegative() || maxApplyDelay.isZero())) {
			throw new IllegalArgumentException("caremap.adt.max-apply-delay must be positive");
		}
		if (frameTimeout != null && (frameTimeout.isNegative() || frameTimeout.isZero())) {
			throw new IllegalArgumentException("caremap.adt.frame-timeout must be positive");
		}
		if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
			throw new IllegalArgumentException("caremap.adt.idle-timeout must be positive");
		}
	}

	private static void positive(String name, @Nullable Integer value) {
		if (value != null && value < 1) throw new IllegalArgumentException("caremap.adt." + name + " must be at least 1");
	}

	int port() {
		return mllpPort == null ? 2575 : mllpPort;
	}

	int maxBytes() {
		return maxMessageBytes == null ? 1_048_576 : maxMessageBytes;
	}

	AdtParser.Limits limits() {
		return new AdtParser.Limits(maxBytes(), maxSegments == null ? 1_000 : maxSegments,
				maxSegmentLength == null ? 131_072 : maxSegmentLength, maxFieldLength == null ? 65_536 : maxFieldLength);
	}

	Duration idle() {
		return idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
	}

	Duration frame() {
		return frameTimeout == null ? Duration.ofSeconds(30) : frameTimeout;
	}

	int connections() {
		return maxConnections == null ? 32 : maxConnections;
	}

	int connectionsPerSender() {
		return maxConnectionsPerSender == null ? 8 : maxConnectionsPerSender;
	}

	List<AddressRange> senders() {
		return java.util.Objects.requireNonNull(allowedSenders).stream().map(AddressRange::parse).toList();
	}

	ClientAuth clientAuth() {
		return sslClientAuth == null ? ClientAuth.NONE : sslClientAuth;
	}

	int applierThreads() {
		return appliers == null ? 2 : appliers;
	}

	int batch() {
		return applyBatch == null ? 50 : applyBatch;
	}

	double shareWhileBusy() {
		return applyShareWhileBusy == null ? 1.0 / 3 : applyShareWhileBusy;
	}

	int burstRate() {
		return busyRate == null ? 250 : busyRate;
	}

	Duration maxDelay() {
		return maxApplyDelay == null ? Duration.ofSeconds(60) : maxApplyDelay;
	}

	boolean grouped() {
		return groupCommit != null && groupCommit;
	}
}
