package org.caremap.audit;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One thing to record: an action (READ, CREATE, UPDATE, SIGN_IN, ...) on a resource, about a patient when it
 * concerns one. Who, when and from where are filled in by the trail from the current request.
 */
public record AuditEntry(String action, String resourceType, @Nullable String resourceId,
		@Nullable PatientId patientId, AuditOutcome outcome, @Nullable String detail) {

	public AuditEntry {
		if (action == null || action.isBlank()) throw new IllegalArgumentException("action is required");
		if (resourceType == null || resourceType.isBlank()) throw new IllegalArgumentException("resource type is required");
		if (outcome == null) throw new IllegalArgumentException("outcome is required");
	}

	public static AuditEntry read(String resourceType, @Nullable String resourceId, @Nullable PatientId patient) {
		return new AuditEntry("READ", resourceType, resourceId, patient, AuditOutcome.SUCCESS, null);
	}

	public static AuditEntry write(String action, String resourceType, @Nullable String resourceId,
			@Nullable PatientId patient) {
		return new AuditEntry(action, resourceType, resourceId, patient, AuditOutcome.SUCCESS, null);
	}

	public AuditEntry withOutcome(AuditOutcome newOutcome, @Nullable String newDetail) {
		return new AuditEntry(action, resourceType, resourceId, patientId, newOutcome, newDetail);
	}
}
