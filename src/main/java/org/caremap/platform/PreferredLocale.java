package org.caremap.platform;

import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/**
 * The language a signed-in person prefers, known by the module that keeps them: staff accounts (identity) and portal
 * accounts (the patient's preferred language). Consulted by the one locale resolver ({@link Languages}) when the
 * person has not switched language in this session; told when they switch, so the module may remember it.
 */
public interface PreferredLocale {

	/** The language this principal prefers, if this implementation knows the principal. */
	Optional<Locale> of(Authentication authentication);

	/** The principal switched to this language: remember it if this implementation keeps such choices. */
	default void chosen(Authentication authentication, Locale locale) {
	}
}
