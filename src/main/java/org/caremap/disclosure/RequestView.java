package org.caremap.disclosure;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A patient's request for an accounting of disclosures or for the access log, and when it was answered. */
public record RequestView(UUID id, Kind kind, String requestedBy, LocalDate requestedOn, LocalDate from, LocalDate to,
		String recordedBy, Instant recordedAt, @Nullable Instant producedAt, @Nullable String producedBy) {

	public enum Kind {
		ACCOUNTING, ACCESS_LOG
	}
}
