package org.caremap.assessment;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One stored version of an instrument definition, with where it came from. */
public record InstrumentVersionView(String key, int seq, String version, String title, String origin,
		@Nullable String note, Instant createdAt, String createdBy) {
}
