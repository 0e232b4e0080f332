package org.caremap.shared;

import java.util.UUID;

/** Identifies an organisation (the tenant). */
public record OrganizationId(UUID value) {
	public OrganizationId {
		if (value == null) throw new IllegalArgumentException("organization id is required");
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
