package org.caremap.identity;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What is needed to create an account. The password must meet the password policy. */
public record NewUser(String username, String displayName, @Nullable String email, Set<Role> roles,
		String password, boolean mustChangePassword) {

	public NewUser {
		roles = Set.copyOf(roles);
	}
}
