package org.caremap.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import org.caremap.program.ProgramId;

/** A supervisor signed off a monthly billing worksheet (counts only, no patient data). */
public record WorksheetSigned(UUID worksheet, ProgramId program, UUID practitioner, YearMonth month, int version,
		int billablePatients, String signedBy, Instant signedAt) {
}
