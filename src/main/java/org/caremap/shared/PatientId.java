package org.caremap.shared;

import java.util.UUID;

/** Identifies a patient in the registry. */
public record PatientId(UUID value) {
	public PatientId {
		if (value == null) throw new IllegalArgumentException("patient id is required");
	}

	public static PatientId of(String text) {
		return new PatientId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
