package org.caremap.transition;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A stored ADT message as the message log shows it (the raw text only where the viewer may read it). */
public record AdtMessageView(UUID id, Instant receivedAt, String channel, String sendingApplication,
		String sendingFacility, String controlId, @Nullable String event, @Nullable String version, String status,
		String ackCode, @Nullable String error, boolean reusedControlId, int resends, @Nullable UUID patient,
		@Nullable String payload) {
}
