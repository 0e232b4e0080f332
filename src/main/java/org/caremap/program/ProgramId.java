package org.caremap.program;

import java.util.UUID;

/** Identifies a program. */
public record ProgramId(UUID value) {
	public ProgramId {
		if (value == null) throw new IllegalArgumentException("program id is required");
	}

	public static ProgramId of(String text) {
		return new ProgramId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
