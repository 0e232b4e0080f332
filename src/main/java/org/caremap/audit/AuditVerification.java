package org.caremap.audit;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the chain: intact or not, and where it first breaks and why.
 *
 * @param checked chain links walked
 * @param unsealed events not yet in the chain (normally only the last few seconds' worth)
 * @param lastSeq the last link's position
 * @param anchorSeq the newest anchor kept outside the database, if any
 */
public record AuditVerification(boolean intact, long checked, long unsealed, long lastSeq, @Nullable Long anchorSeq,
		@Nullable Long brokenAtSeq, @Nullable Long brokenEventId, @Nullable String problem, List<String> notes,
		Instant verifiedAt) {

	public AuditVerification {
		notes = List.copyOf(notes);
	}
}
