package org.caremap.identity.internal;

import java.time.Duration;
import java.util.Optional;

import org.caremap.identity.SignInRules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The staff sign-in rules, offered to the portal's realm so both follow one policy. */
@Component
class StaffSignInRules implements SignInRules {

	private final PasswordPolicy policy;
	private final SignInThrottle throttle;
	private final IdentityProperties properties;

	StaffSignInRules(PasswordPolicy policy, SignInThrottle throttle, IdentityProperties properties) {
		this.policy = policy;
		this.throttle = throttle;
		this.properties = properties;
	}

	@Override
	public Optional<String> passwordProblem(String username, String password) {
		return policy.check(username, password);
	}

	@Override
	public int passwordMinLength() {
		return policy.minLength();
	}

	@Override
	public boolean throttled(@Nullable String address) {
		return throttle.throttled(address);
	}

	@Override
	public void failed(@Nullable String address) {
		throttle.failed(address);
	}

	@Override
	public int maxFailedAttempts() {
		return properties.maxFailedAttempts();
	}

	@Override
	public Duration lockoutDuration() {
		return properties.lockoutDuration();
	}

	@Override
	public String contentSecurityPolicy() {
		return SecurityConfiguration.CONTENT_SECURITY_POLICY;
	}
}
