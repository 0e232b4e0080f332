package org.caremap.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A service as its page shows it to staff: what a case manager reads ({@link ServiceCard}), the entry as staff edit
 * it, where it came from, who verified it, the changes staff made and the corrections suggested.
 */
public record ServiceDetail(ServiceCard card, ServiceEntry entry, String source, @Nullable String externalId,
		@Nullable String verifiedBy, boolean stale, List<String> taxonomy, List<Change> changes,
		List<Correction> corrections, int version) {

	public record Change(Instant at, String by, String entity, String summary) {
	}

	public record Correction(UUID id, Instant at, String by, String text) {
	}
}
