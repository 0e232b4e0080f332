package org.caremap.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user, as kept in the (database-backed) session. Serializable, small, and holding no secret once
 * authentication is done.
 */
public final class CurrentUser implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final UUID id;
	private final String username;
	private final String displayName;
	private @Nullable String passwordHash;
	private final Set<Role> roles;
	private final boolean enabled;
	private final boolean nonLocked;
	private final boolean mustChangePassword;

	public CurrentUser(UserId id, String username, String displayName, @Nullable String passwordHash, Set<Role> roles,
			boolean enabled, boolean nonLocked, boolean mustChangePassword) {
		this.id = id.value();
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
		this.enabled = enabled;
		this.nonLocked = nonLocked;
		this.mustChangePassword = mustChangePassword;
	}

	/** The signed-in user of this request, if any. */
	public static Optional<CurrentUser> get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof CurrentUser user) return Optional.of(user);
		return Optional.empty();
	}

	/** The signed-in user; fails when nobody is signed in (a programming error, not a user error). */
	public static CurrentUser require() {
		return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
	}

	public UserId id() {
		return new UserId(id);
	}

	public String displayName() {
		return displayName;
	}

	public Set<Role> roles() {
		return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/** For pages: whether the user holds the role of this name (e.g. "INTAKE"). */
	public boolean hasRole(String role) {
		return roles.stream().anyMatch(r -> r.name().equals(role));
	}

	/** For pages: whether the user works with patient records (any role but administrator alone). */
	public boolean clinical() {
		return roles.stream().anyMatch(r -> r != Role.ADMIN);
	}

	public boolean mustChangePassword() {
		return mustChangePassword;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
	}

	@Override
	public @Nullable String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return nonLocked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	/** The same user after they chose a new password. */
	public CurrentUser withPasswordChanged() {
		return new CurrentUser(id(), username, displayName, null, roles, enabled, nonLocked, false);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CurrentUser that && that.id.equals(id);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

	@Override
	public String toString() {
		return "CurrentUser[" + username + "]";
	}
}
