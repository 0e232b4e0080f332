package org.caremap.medication;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A reconciliation with its lines, in the order they were made. */
public record ReconciliationView(UUID id, PatientId patient, @Nullable UUID encounter, ReconciliationStatus status,
		@Nullable String note, Instant createdAt, String createdBy, @Nullable Instant signedAt, @Nullable String signedBy,
		@Nullable String cancelReason, List<ReconciliationLine> lines) {

	public long undecided() {
		return lines.stream().filter(l -> !l.decided()).count();
	}

	public long discrepancies() {
		return lines.stream().filter(l -> !l.discrepancies().isEmpty()).count();
	}
}
