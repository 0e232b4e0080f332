package org.caremap.medication;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** A medication reconciliation was signed: its result is now the patient's current list. */
public record ReconciliationSigned(PatientId patient, UUID reconciliation, @Nullable UUID encounter, Instant signedAt,
		String signer) {
}
