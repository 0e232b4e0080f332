package org.caremap.chart;

import java.net.URI;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where a page goes back to after its work is saved, as the page that sent the user there asked: only a path of
 * this site ({@code /...}, never {@code //host} or a full address), so that a crafted link cannot send a signed-in
 * user elsewhere.
 */
public final class ReturnTo {

	static final int MAX_LENGTH = 512;

	private ReturnTo() {
	}

	/** The path if it is one of this site's, else empty. */
	public static Optional<String> safe(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) return Optional.empty();
		if (value.charAt(0) != '/' || value.startsWith("//")) return Optional.empty();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			// a backslash reads as a slash in some browsers ("/\host"); no spaces or control characters in a path
			if (c == '\\' || c <= 0x20 || c == 0x7f) return Optional.empty();
		}
		try {
			URI uri = new URI(value);
			if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
					|| !uri.getRawPath().startsWith("/")) {
				return Optional.empty();
			}
		}
		catch (java.net.URISyntaxException ex) {
			return Optional.empty();
		}
		return Optional.of(value);
	}

	/** The path if it is one of this site's, else the fallback. */
	public static String or(@Nullable String value, String fallback) {
		return safe(value).orElse(fallback);
	}

	/** A redirect to the path if it is one of this site's, else to the fallback. */
	public static String redirect(@Nullable String value, String fallback) {
		return "redirect:" + or(value, fallback);
	}
}
