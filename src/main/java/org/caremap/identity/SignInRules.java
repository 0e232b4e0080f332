package org.caremap.identity;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The sign-in rules staff accounts follow, for other realms that keep their own accounts (the patient portal):
 * the same password policy, the same per-address throttle (counted together with staff sign-ins) and the same
 * lockout settings.
 */
public interface SignInRules {

	/** The message key of the first password rule broken (e.g. {@code password.tooShort}), if any. */
	Optional<String> passwordProblem(String username, String password);

	/** The shortest password accepted (for the pages' hints). */
	int passwordMinLength();

	/** Whether sign-ins from this address are refused for now. */
	boolean throttled(@Nullable String address);

	/** Counts a failed sign-in from this address. */
	void failed(@Nullable String address);

	/** Failed sign-ins in a row that lock an account. */
	int maxFailedAttempts();

	/** How long a locked account stays locked. */
	Duration lockoutDuration();

	/** Content-Security-Policy every page of Caremap carries. */
	String contentSecurityPolicy();
}
