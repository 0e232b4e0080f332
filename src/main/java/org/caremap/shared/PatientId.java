package org.caremap.shared;

import java.util.UUID;

/** Identifies a patient in the registry. Serializable: a portal session's principal names its patient. */
public record PatientId(UUID value) implements java.io.Serializable {

	@java.io.Serial
	private static final long serialVersionUID = 1L;

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
