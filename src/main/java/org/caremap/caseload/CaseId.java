package org.caremap.caseload;

import java.util.UUID;

/** Identifies a case. */
public record CaseId(UUID value) {
	public CaseId {
		if (value == null) throw new IllegalArgumentException("case id is required");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
