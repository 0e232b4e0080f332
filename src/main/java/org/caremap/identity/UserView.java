package org.caremap.identity;

import java.time.Instant;
import java.util.Set;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A user account as other modules and pages see it (never the password hash). */
public record UserView(UserId id, String username, String displayName, @Nullable String email, Set<Role> roles,
		boolean enabled, boolean locked, @Nullable Instant lastLoginAt, int failedAttempts,
		java.util.List<String> languages) {

	public UserView {
		roles = Set.copyOf(roles);
		languages = java.util.List.copyOf(languages);
	}

	/** Works with patients: holds any role but administrator. */
	public boolean clinicalLike() {
		return roles.stream().anyMatch(r -> r != Role.ADMIN);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}
}
