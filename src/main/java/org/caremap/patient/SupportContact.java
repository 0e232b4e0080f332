package org.caremap.patient;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A family member or caregiver: how to reach them, whether they are the legal representative, and what they may
 * be told.
 */
public record SupportContact(@Nullable UUID id, String name, String relationship, @Nullable String phone,
		@Nullable String email, boolean caregiver, boolean legalRepresentative, Disclosure mayBeTold) {

	/** What a contact may be told about the patient's care. */
	public enum Disclosure {
		NOTHING, APPOINTMENTS, CARE_PLAN, EVERYTHING
	}

	public SupportContact {
		if (name == null || name.isBlank()) throw new IllegalArgumentException("contact name is required");
		if (relationship == null || relationship.isBlank()) throw new IllegalArgumentException("relationship is required");
		if (mayBeTold == null) mayBeTold = Disclosure.NOTHING;
	}
}
