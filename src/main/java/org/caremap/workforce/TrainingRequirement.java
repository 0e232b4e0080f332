package org.caremap.workforce;

import java.util.UUID;

import org.caremap.identity.Role;
import org.jspecify.annotations.Nullable;

/**
 * A training the organisation requires, completed again every {@code periodMonths}; {@code role} null: of everyone
 * who works with patients, otherwise of the holders of that role.
 */
public record TrainingRequirement(UUID id, String name, int periodMonths, @Nullable Role role, boolean active) {

	/** Whether a member of staff holding these roles must take it. */
	public boolean appliesTo(java.util.Set<Role> roles) {
		if (!active) return false;
		return role == null ? roles.stream().anyMatch(r -> r != Role.ADMIN) : roles.contains(role);
	}
}
