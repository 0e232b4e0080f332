package org.caremap.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A progress note with its addenda; {@code part2}: written in a case of a 42 CFR Part 2 program. */
public record NoteView(UUID id, PatientId patient, @Nullable CaseId caseId, NoteContent content, boolean signed,
		@Nullable Instant signedAt, @Nullable String signedBy, Instant createdAt, String createdBy,
		List<Addendum> addenda, boolean part2) {

	public NoteView {
		addenda = List.copyOf(addenda);
	}

	/** Text added to a signed note. */
	public record Addendum(String text, Instant at, String by) {
	}
}
