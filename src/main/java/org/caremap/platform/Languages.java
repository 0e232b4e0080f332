package org.caremap.platform;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The languages Caremap speaks (English and Spanish) and how a request's language is chosen: the language switched
 * to in this session ({@code ?uilang=es} on any page), else the signed-in person's preference ({@link PreferredLocale}:
 * a staff member's setting, a patient's preferred language), else the browser's, else English. The switch changes
 * this session only: it is a GET that any link (another site's too) can make, so it never changes what is kept on
 * the person's account; that is the account page's form (a POST with its CSRF token).
 */
public final class Languages implements LocaleResolver {

	public static final Locale ENGLISH = Locale.ENGLISH;
	public static final Locale SPANISH = Locale.forLanguageTag("es");
	public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);

	/**
	 * The address parameter that switches language on any page ({@code ?uilang=es}): not {@code lang}, which pages
	 * already take for other things (the language of a printed copy, of a community service searched for).
	 */
	public static final String SWITCH_PARAMETER = "uilang";

	/** The session attribute holding the language switched to. */
	static final String SESSION_KEY = Languages.class.getName() + ".LOCALE";

	private final ObjectProvider<PreferredLocale> preferences;

	Languages(ObjectProvider<PreferredLocale> preferences) {
		this.preferences = preferences;
	}

	/** The supported language for a tag or locale ({@code es-MX} is Spanish), or empty. */
	public static Optional<Locale> supported(@Nullable Locale locale) {
		if (locale == null) return Optional.empty();
		return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst();
	}

	/** The supported language for a tag such as {@code es} or {@code es-MX}, or empty. */
	public static Optional<Locale> supported(@Nullable String tag) {
		if (tag == null || tag.isBlank() || tag.length() > 35) return Optional.empty();
		return supported(Locale.forLanguageTag(tag.trim()));
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(SESSION_KEY) instanceof Locale chosen) return chosen;
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null && session != null
				&& session.getAttribute("SPRING_SECURITY_CONTEXT") instanceof org.springframework.security.core.context.SecurityContext kept) {
			// asked before the security filters ran (the filter refusing a form no page takes): the session's sign-in
			auth = kept.getAuthentication();
		}
		if (auth != null && auth.isAuthenticated()) {
			for (PreferredLocale preference : preferences) {
				Optional<Locale> preferred = preference.of(auth).flatMap(Languages::supported);
				if (preferred.isPresent()) return preferred.get();
			}
		}
		if (request.getHeader("Accept-Language") != null) {
			for (Locale asked : java.util.Collections.list(request.getLocales())) {
				Optional<Locale> match = supported(asked);
				if (match.isPresent()) return match.get();
			}
		}
		return ENGLISH;
	}

	/** Switches this session's language (never the person's stored preference: see the class comment). */
	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		Optional<Locale> chosen = supported(locale);
		if (chosen.isEmpty()) return;
		request.getSession(true).setAttribute(SESSION_KEY, chosen.get());
	}
}
