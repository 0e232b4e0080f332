package org.caremap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.caremap.identity.internal.IdentityProperties;
import org.caremap.identity.internal.PasswordPolicy;
import org.junit.jupiter.api.Test;

/** Password rules after NIST SP 800-63B section 5.1.1.2: length and a blocklist, no composition rules. */
class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy(new IdentityProperties(5, null, null, 12, null, 0, null));

	@Test
	void acceptsALongPassphrase() {
		assertThat(policy.check("dana", "quiet harbor lantern")).isEmpty();
	}

	@Test
	void refusesWhatIsEasyToGuess() {
		assertThat(policy.check("dana", "short")).hasValue("password.tooShort");
		assertThat(policy.check("dana", "x".repeat(129))).hasValue("password.tooLong");
		assertThat(policy.check("dana.whitfield", "my-dana.whitfield-pw")).hasValue("password.containsUsername");
		assertThat(policy.check("dana", "aaaaaaaaaaaaaaaa")).hasValue("password.tooSimple");
		assertThat(policy.check("dana", "passwordpassword")).hasValue("password.common");
		assertThat(policy.check("dana", "qwertyuiop1234!")).hasValue("password.common");
	}
}
