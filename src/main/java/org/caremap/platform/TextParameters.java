package org.caremap.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.caremap.shared.TextRules;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What no browser sends, no page takes: a form field or address parameter holding a NUL character or half of a
 * UTF-16 surrogate pair, or longer than any field holds ({@link TextRules#LONGEST}), is refused with a 400 in plain
 * words before any controller runs (PostgreSQL could not store it, and a page's {@code maxlength} stops people
 * before that length). Other control characters pasted from documents pass and are kept as typed. Each form's own
 * limits ({@code @Size}, shown next to the field) and the database's (V31) are tighter per field.
 */
final class TextParameters extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// FHIR and the HL7 endpoint check their own bodies and answer in their own formats
		return path.startsWith("/fhir") || path.startsWith("/api/") || path.startsWith("/assets/") || path.startsWith("/webjars/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal;
		try {
			refusal = refusal(request.getParameterMap());
		}
		catch (IllegalStateException tooLarge) {
			refusal = "The form is larger than Caremap takes";
		}
		catch (RuntimeException unreadable) {
			// a multipart form whose parts cannot be read (a file name holding a NUL, a broken part)
			refusal = "The form cannot be read";
		}
		if (refusal != null) {
			response.setStatus(400);
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Caremap: "
					+ "the form cannot be kept</title></head><body><main><h1>The form cannot be kept</h1><p>" + refusal
					+ ". Nothing was saved. Go back, remove it and try again.</p></main></body></html>").getBytes(StandardCharsets.UTF_8));
			return;
		}
		chain.doFilter(request, response);
	}

	/** Why the parameters cannot be taken, in words, or null. */
	static @Nullable String refusal(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = safe(parameter.getKey());
			for (String value : parameter.getValue()) {
				if (value == null) continue;
				if (value.length() > TextRules.LONGEST) {
					return "The field \"" + name + "\" is longer than " + TextRules.LONGEST + " characters";
				}
				for (int i = 0; i < value.length(); i++) {
					char c = value.charAt(i);
					if (c == 0) return "The field \"" + name + "\" holds a NUL character, which cannot be stored";
					if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
						i++;
					}
					else if (Character.isSurrogate(c)) {
						return "The field \"" + name + "\" holds half of a character (a lone UTF-16 surrogate)";
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
