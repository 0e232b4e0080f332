package org.caremap.medication;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * An allergy or intolerance of the patient: the coded substance, its FHIR clinical and verification status, type,
 * category, criticality, the reaction as described, and where Caremap learnt of it.
 */
public record AllergyView(UUID id, PatientId patient, String codeSystem, String code, String display,
		@Nullable String clinicalStatus, @Nullable String verificationStatus, @Nullable String type,
		@Nullable String category, @Nullable String criticality, @Nullable Instant recordedAt, @Nullable String reaction,
		String source, Instant createdAt, String createdBy) {

	public static final Set<String> CLINICAL_STATUSES = Set.of("active", "inactive", "resolved");
	public static final Set<String> VERIFICATION_STATUSES = Set.of("unconfirmed", "confirmed", "refuted", "entered-in-error");
	public static final Set<String> TYPES = Set.of("allergy", "intolerance");
	public static final Set<String> CATEGORIES = Set.of("food", "medication", "environment", "biologic");
	public static final Set<String> CRITICALITIES = Set.of("low", "high", "unable-to-assess");

	public boolean active() {
		return "active".equals(clinicalStatus);
	}
}
