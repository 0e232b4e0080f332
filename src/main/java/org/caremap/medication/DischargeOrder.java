package org.caremap.medication;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A discharge medication order (FHIR MedicationRequest of a discharge list), as sent: the drug, how to take it, who
 * ordered it, for which hospital stay, and the reconciliation it was put in.
 */
public record DischargeOrder(UUID id, PatientId patient, @Nullable UUID encounter, @Nullable UUID reconciliation,
		MedicationEntry entry, @Nullable String dosageText, String status, String intent, @Nullable Instant authoredOn,
		Instant createdAt) {
}
