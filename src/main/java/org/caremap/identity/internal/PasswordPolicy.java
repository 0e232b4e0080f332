package org.caremap.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Password rules after NIST SP 800-63B: long enough, not too long, not a commonly used password, not built from
 * the username, not one repeated character. No composition rules and no forced periodic change.
 */
@Component
public class PasswordPolicy {

	static final int MAX_LENGTH = 128;

	private final int minLength;
	private final Set<String> common;

	public PasswordPolicy(IdentityProperties properties) {
		this.minLength = properties.passwordMinLength();
		this.common = load();
	}

	/** The message key of the first rule broken, if any. */
	public Optional<String> check(String username, String password) {
		if (password.length() < minLength) return Optional.of("password.tooShort");
		if (password.length() > MAX_LENGTH) return Optional.of("password.tooLong");
		String lower = password.toLowerCase(Locale.ROOT);
		if (!username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
			return Optional.of("password.containsUsername");
		}
		if (lower.chars().distinct().count() <= 2) return Optional.of("password.tooSimple");
		if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!@#$%^&*.]+$", ""))) {
			return Optional.of("password.common");
		}
		return Optional.empty();
	}

	public int minLength() {
		return minLength;
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				new ClassPathResource("security/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
			in.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> l.toLowerCase(Locale.ROOT)).forEach(words::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return words;
	}
}
