package org.caremap.fhir;

import java.util.Collection;
import java.util.Locale;

/**
 * SMART on FHIR scopes (App Launch 2.2; the 1.0 forms {@code .read}/{@code .write}/{@code .*} are read as
 * {@code rs}/{@code cud}/{@code cruds}): {@code system/Patient.rs}, {@code user/*.cruds}, {@code patient/Task.u}.
 * A scope permits an interaction on a resource type when its resource is that type or {@code *} and its
 * permissions hold the interaction's letter.
 */
public final class SmartScopes {

	private SmartScopes() {
	}

	/** The interactions, by their SMART letter. */
	public enum Interaction {
		CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

		private final char letter;

		Interaction(char letter) {
			this.letter = letter;
		}
	}

	/** Whether any of these scopes, of this context ({@code system}, {@code user} or {@code patient}), permits it. */
	public static boolean permits(Collection<String> scopes, String context, String resourceType, Interaction interaction) {
		for (String scope : scopes) {
			int slash = scope.indexOf('/');
			int dot = scope.lastIndexOf('.');
			if (slash <= 0 || dot < slash) continue;
			if (!scope.substring(0, slash).equals(context)) continue;
			String resource = scope.substring(slash + 1, dot);
			if (!resource.equals("*") && !resource.equals(resourceType)) continue;
			if (letters(scope.substring(dot + 1)).indexOf(interaction.letter) >= 0) return true;
		}
		return false;
	}

	/** The scopes' contexts present ({@code system}, {@code user}, {@code patient}). */
	public static boolean hasContext(Collection<String> scopes, String context) {
		return scopes.stream().anyMatch(s -> s.startsWith(context + "/"));
	}

	private static String letters(String permissions) {
		String p = permissions.toLowerCase(Locale.ROOT);
		if (p.equals("read")) return "rs";
		if (p.equals("write")) return "cud";
		if (p.equals("*")) return "cruds";
		// v2 letters must be in order c, r, u, d, s and appear once
		String order = "cruds";
		int at = 0;
		for (char c : p.toCharArray()) {
			int i = order.indexOf(c, at);
			if (i < 0) return "";
			at = i + 1;
		}
		return p;
	}
}
