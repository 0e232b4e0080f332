package org.caremap.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import org.caremap.program.ProgramId;
import org.jspecify.annotations.Nullable;

/** A monthly billing worksheet as the list shows it: whose, which month, which version, its state and totals. */
public record WorksheetSummary(UUID id, ProgramId program, String programName, UUID practitioner,
		String practitionerName, YearMonth month, int version, Status status, int patients, int billablePatients,
		int clinicalMinutes, int physicianMinutes, Instant generatedAt, @Nullable Instant signedAt,
		@Nullable String signedBy, @Nullable String correctionReason) {

	/** The states of a worksheet: the moves are the rows of {@code billing_worksheet_transition}. */
	public enum Status {
		DRAFT, SIGNED, SUPERSEDED
	}
}
