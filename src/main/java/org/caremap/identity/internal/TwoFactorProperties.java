package org.caremap.identity.internal;

import java.util.Set;

import org.caremap.identity.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.security.totp-required-roles}: the roles whose holders must sign in with an authenticator code when
 * they sign in with a Caremap password (e.g. {@code ADMIN,SUPERVISOR}); those without one are sent to set it up at
 * their next sign-in. Empty (the default): the second factor is each person's choice.
 *
 * @param totpRequiredRoles the roles that require the second factor
 */
@ConfigurationProperties("caremap.security")
public record TwoFactorProperties(Set<Role> totpRequiredRoles) {

	public TwoFactorProperties {
		totpRequiredRoles = totpRequiredRoles == null ? Set.of() : Set.copyOf(totpRequiredRoles);
	}
}
