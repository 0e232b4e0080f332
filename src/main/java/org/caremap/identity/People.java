package org.caremap.identity;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Names people where the records keep who acted as a username (created_by, signed_by, completed_by...): a person's
 * display name ('Dana Whitfield, RN'), 'Hospital feed' for what the ADT feed did, 'System' for Caremap's own jobs and
 * connected systems. Templates call it as {@code @people.name(n.signedBy())}; a page asks the directory once (every
 * account's name, one query, kept for the rest of the request), not once per row.
 */
@Component("people")
public class People {

	private static final String CACHE = People.class.getName() + ".names";

	private final UserAccounts accounts;
	private final MessageSource messages;

	People(UserAccounts accounts, MessageSource messages) {
		this.accounts = accounts;
		this.messages = messages;
	}

	/** Who acted, in words; an empty string for nobody. */
	public String name(@Nullable String actor) {
		if (actor == null || actor.isBlank()) return "";
		String key = actor.strip();
		if (key.equals("system") || key.startsWith("system:") || key.equals("anonymousUser")) return system(key);
		String name = names(key).get(key.toLowerCase(Locale.ROOT));
		return name != null ? name : key;
	}

	private String system(String actor) {
		String what = actor.startsWith("system:") ? actor.substring("system:".length()) : "";
		String code = what.startsWith("adt") ? "people.hospitalFeed" : "people.system";
		return messages.getMessage(code, null, code, LocaleContextHolder.getLocale());
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> names(String username) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) return accounts.displayNamesByUsername(List.of(username));
		Object known = request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
		if (known == null) {
			known = accounts.displayNamesByUsername();
			request.setAttribute(CACHE, known, RequestAttributes.SCOPE_REQUEST);
		}
		return (Map<String, String>) known;
	}
}
