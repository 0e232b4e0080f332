package org.caremap.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code caremap.security.*}: lockout after repeated failures, idle logoff, password length, cookie security.
 *
 * @param maxFailedAttempts failed sign-ins in a row that lock the account
 * @param lockoutDuration how long a locked account stays locked (an administrator may unlock earlier)
 * @param idleTimeout automatic logoff after this much inactivity
 * @param passwordMinLength the shortest password accepted
 * @param secureCookie {@code auto} (Secure when the request came over HTTPS), {@code always} or {@code never}
 * @param signInFailuresPerAddress failed sign-ins from one client address within the window after which that address
 *        is refused until the window ends (whatever the usernames tried)
 * @param signInThrottleWindow how long failures from one address are counted together
 */
@ConfigurationProperties("caremap.security")
public record IdentityProperties(int maxFailedAttempts, Duration lockoutDuration, Duration idleTimeout,
		int passwordMinLength, String secureCookie, int signInFailuresPerAddress, Duration signInThrottleWindow) {

	public IdentityProperties {
		if (maxFailedAttempts <= 0) maxFailedAttempts = 5;
		if (lockoutDuration == null) lockoutDuration = Duration.ofMinutes(15);
		if (idleTimeout == null) idleTimeout = Duration.ofMinutes(15);
		if (passwordMinLength <= 0) passwordMinLength = 12;
		if (secureCookie == null || secureCookie.isBlank()) secureCookie = "auto";
		if (signInFailuresPerAddress <= 0) signInFailuresPerAddress = 30;
		if (signInThrottleWindow == null) signInThrottleWindow = Duration.ofMinutes(15);
	}
}
