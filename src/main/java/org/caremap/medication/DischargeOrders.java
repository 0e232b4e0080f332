package org.caremap.medication;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The discharge list as orders: each order is kept and put in the discharge column of the patient's draft
 * reconciliation for the stay (one is started when none is open). Needs the record's WRITE purpose.
 */
public interface DischargeOrders {

	/** Statuses and intents a discharge order may have (FHIR MedicationRequest codes). */
	java.util.Set<String> STATUSES = java.util.Set.of("active", "on-hold", "cancelled", "completed", "entered-in-error",
			"stopped", "draft", "unknown");
	java.util.Set<String> INTENTS = java.util.Set.of("proposal", "plan", "order", "original-order");

	UUID record(PatientId patient, @Nullable UUID encounter, MedicationEntry entry, @Nullable String dosageText,
			String status, String intent, @Nullable Instant authoredOn, @Nullable String sourceReference);

	Optional<DischargeOrder> find(UUID id);
}
