package org.caremap.community;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one import of an HSDS file did: how many records it added, updated, left unchanged and retired, and each
 * problem met (the record's own id, the field, what was wrong, and whether the record was skipped for it).
 */
public record ImportReport(UUID id, String source, String format, @Nullable String fileName, Instant startedAt,
		@Nullable Instant finishedAt, String importedBy, String status, int added, int updated, int unchanged,
		int retired, List<Problem> problems) {

	public record Problem(String record, @Nullable String field, String message, boolean skipped) {
	}

	public ImportReport {
		problems = List.copyOf(problems);
	}

	public long skipped() {
		return problems.stream().filter(Problem::skipped).count();
	}
}
