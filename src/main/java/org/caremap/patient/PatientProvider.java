package org.caremap.patient;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A practitioner or organisation caring for the patient, in a role (primary care, specialist). */
public record PatientProvider(UUID id, UUID providerId, String name, @Nullable String specialty, @Nullable String phone,
		Role role, @Nullable LocalDate since) {

	/** What the provider is to the patient. */
	public enum Role {
		PRIMARY_CARE, SPECIALIST, OTHER
	}
}
