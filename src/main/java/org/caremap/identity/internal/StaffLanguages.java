package org.caremap.identity.internal;

import java.util.Locale;
import java.util.Optional;

import org.caremap.identity.CurrentUser;
import org.caremap.platform.Languages;
import org.caremap.platform.PreferredLocale;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The language a member of staff reads Caremap in, kept on their account: what the one locale resolver uses when
 * they have not switched language in this session; chosen on the account page (a POST), so the choice holds at the
 * next sign-in. The switch in the header changes the session only. Portal users are not staff: they are left to the portal's own preference.
 */
@Component
public class StaffLanguages implements PreferredLocale {

	/** The request attribute that keeps the stored language once read (the resolver is asked many times a page). */
	private static final String READ = StaffLanguages.class.getName() + ".READ";
	private static final Object NONE = new Object();

	private final JdbcClient jdbc;

	StaffLanguages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<Locale> of(Authentication authentication) {
		if (!(authentication.getPrincipal() instanceof CurrentUser user)) return Optional.empty();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			Object known = request.getAttribute(READ, RequestAttributes.SCOPE_REQUEST);
			if (known instanceof Locale locale) return Optional.of(locale);
			if (known == NONE) return Optional.empty();
		}
		Optional<Locale> stored = stored(user.id());
		if (request != null) request.setAttribute(READ, stored.isPresent() ? stored.get() : NONE, RequestAttributes.SCOPE_REQUEST);
		return stored;
	}

	/** The language this member of staff chose, if any. */
	@Transactional(readOnly = true)
	public Optional<Locale> stored(UserId user) {
		return jdbc.sql("select coalesce(ui_language, '') from user_account where id = ?")
			.param(user.value())
			.query(String.class)
			.optional()
			.flatMap(Languages::supported);
	}

	/** Keeps this language for the member of staff; null (or a language Caremap does not speak) forgets the choice. */
	@Transactional
	public void choose(UserId user, @Nullable Locale locale) {
		String language = Languages.supported(locale).map(Locale::getLanguage).orElse(null);
		jdbc.sql("update user_account set ui_language = ? where id = ? and ui_language is distinct from ?")
			.params(language, user.value(), language)
			.update();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) request.removeAttribute(READ, RequestAttributes.SCOPE_REQUEST);
	}
}
