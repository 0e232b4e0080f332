package org.caremap.medication;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A medication the patient takes or took: the coded drug (RxNorm usually), its status in FHIR MedicationStatement
 * terms, when it was taken, the dosage and reason as written, and where Caremap learnt of it.
 */
public record MedicationView(UUID id, PatientId patient, String codeSystem, String code, String display, String status,
		@Nullable Instant effectiveStart, @Nullable Instant effectiveEnd, @Nullable String dosage, @Nullable String reason,
		String source, @Nullable String sourceReference, Instant createdAt, String createdBy) {

	/** The FHIR MedicationStatement status codes. */
	public static final Set<String> STATUSES = Set.of("active", "completed", "entered-in-error", "intended", "stopped",
			"on-hold", "unknown", "not-taken");

	public boolean active() {
		return "active".equals(status);
	}
}
