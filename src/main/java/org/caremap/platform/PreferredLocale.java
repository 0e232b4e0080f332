package org.caremap.platform;

import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * The language a signed-in person prefers, known by the module that keeps them: staff accounts (identity) and portal
 * accounts (the patient's preferred language). Consulted by the one locale resolver ({@link Languages}) when the
 * person has not switched language in this session. Switching (a GET) does not change it: each module keeps the
 * choice made on its own account page (a POST).
 */
public interface PreferredLocale {

	/** The language this principal prefers, if this implementation knows the principal. */
	Optional<Locale> of(Authentication authentication);
}
