package org.caremap.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.shared.TextRules;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * What no browser sends, no page takes: a form field or address parameter holding a NUL character or half of a
 * UTF-16 surrogate pair, or longer than any field holds ({@link TextRules#LONGEST}), is refused with a 400 in plain
 * words before any controller runs (PostgreSQL could not store it, and a page's {@code maxlength} stops people
 * before that length). Other control characters pasted from documents pass and are kept as typed. Each form's own
 * limits ({@code @Size}, shown next to the field) and the database's (V31) are tighter per field.
 */
final class TextParameters extends OncePerRequestFilter {

	private final MessageSource messages;

	private final LocaleResolver languages;

	TextParameters(MessageSource messages, LocaleResolver languages) {
		this.messages = messages;
		this.languages = languages;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// FHIR and the HL7 endpoint check their own bodies and answer in their own formats
		return path.startsWith("/fhir") || path.startsWith("/api/") || path.startsWith("/assets/") || path.startsWith("/webjars/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Refusal refusal;
		try {
			refusal = refusal(request.getParameterMap());
		}
		catch (IllegalStateException tooLarge) {
			refusal = new Refusal("error.parameters.too-large");
		}
		catch (RuntimeException unreadable) {
			// a multipart form whose parts cannot be read (a file name holding a NUL, a broken part)
			refusal = new Refusal("error.parameters.unreadable");
		}
		if (refusal != null) {
			Locale locale = languages.resolveLocale(request);
			String title = HtmlUtils.htmlEscape(messages.getMessage("error.parameters.title", null, locale));
			String text = HtmlUtils.htmlEscape(messages.getMessage(refusal.key(), refusal.arguments(), locale));
			String again = HtmlUtils.htmlEscape(messages.getMessage("error.parameters.again", null, locale));
			response.setStatus(400);
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream().write(("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
					+ "<title>Caremap: " + title + "</title></head><body><main><h1>" + title + "</h1><p>" + text + " " + again
					+ "</p></main></body></html>").getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	/** Why the parameters cannot be taken: a text of the bundle and its arguments. */
	record Refusal(String key, Object... arguments) {
	}

	/** Why the parameters cannot be taken, or null. */
	static @Nullable Refusal refusal(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = safe(parameter.getKey());
			for (String value : parameter.getValue()) {
				if (value == null) continue;
				if (value.length() > TextRules.LONGEST) {
					return new Refusal("error.parameters.too-long", name, TextRules.LONGEST);
				}
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (c == 0) return new Refusal("error.parameters.nul", name);
					if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
						i++;
					}
					else if (Character.isSurrogate(c)) {
						return new Refusal("error.parameters.surrogate", name);
					}
				}
			}
		}
		return null;
	}

	/** The field's name as plain text, fit to show in the page. */
	private static String safe(String name) {
		String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
		return shown.replaceAll("[^A-Za-z0-9_. -]", "?");
	}
}
