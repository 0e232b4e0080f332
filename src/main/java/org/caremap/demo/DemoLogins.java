package org.caremap.demo;

import java.util.Map;
import java.util.Optional;

/** The demo accounts' usernames and passwords (random per installation), when demo mode created them. */
public interface DemoLogins {

	/** Username to password, in the order the accounts were created. */
	Map<String, String> all();

	default Optional<String> password(String username) {
		return Optional.ofNullable(all().get(username));
	}
}
