package org.caremap.contact;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A logged contact; {@code part2}: made in a case of a 42 CFR Part 2 program (shown with the label). */
public record ContactView(UUID id, PatientId patient, @Nullable CaseId caseId, ContactKinds.Type type,
		ContactKinds.Direction direction, ContactKinds.Party with, @Nullable String withName,
		ContactKinds.Outcome outcome, Instant occurredAt, int minutes, ContactKinds.StaffKind staffKind,
		@Nullable String summary, String by, boolean part2) {
}
