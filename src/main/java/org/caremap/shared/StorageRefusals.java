package org.caremap.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns the database's refusal of a value into plain words: a text longer than its field's limit (the check
 * constraints {@code <table>_<column>_max_<n>}), a character PostgreSQL cannot store, a duplicate or a missing
 * reference. The last guard: forms, FHIR and HL7 check before, so a client normally hears of it sooner.
 */
public final class StorageRefusals {

	private static final Pattern LIMIT = Pattern.compile("relation \"(\\w+)\" violates check constraint \"(\\w+)_max_(\\d+)\"");

	private StorageRefusals() {
	}

	/**
	 * What the database refused as a text of the message bundle ({@code error.storage.*}) and its arguments, so the
	 * reader gets it in their language; null when the failure is not about the values sent.
	 */
	public record Refusal(String key, Object[] arguments) {
	}

	public static @Nullable Refusal refusal(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String message = t.getMessage();
			if (message == null) continue;
			Matcher limit = LIMIT.matcher(message);
			if (limit.find()) {
				String table = limit.group(1);
				String column = limit.group(2).startsWith(table + "_") ? limit.group(2).substring(table.length() + 1)
						: limit.group(2);
				return new Refusal("error.storage.too-long", new Object[] { column.replace('_', ' '), limit.group(3) });
			}
			if (message.contains("invalid byte sequence for encoding") || message.contains("unsupported Unicode escape")
					|| message.contains("character with byte sequence")) {
				return new Refusal("error.storage.character", new Object[0]);
			}
			if (message.contains("value too long for type")) return new Refusal("error.storage.value-too-long", new Object[0]);
			if (message.contains("duplicate key value")) return new Refusal("error.storage.duplicate", new Object[0]);
			if (message.contains("violates foreign key constraint")) return new Refusal("error.storage.missing-reference", new Object[0]);
		}
		return null;
	}

	/** Words for what the database refused (English, for import reports), or null when the failure is not about the values sent. */
	public static @Nullable String describe(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String message = t.getMessage();
			if (message == null) continue;
			Matcher limit = LIMIT.matcher(message);
			if (limit.find()) {
				String table = limit.group(1);
				String column = limit.group(2).startsWith(table + "_") ? limit.group(2).substring(table.length() + 1)
						: limit.group(2);
				return "The " + column.replace('_', ' ') + " is too long: at most " + limit.group(3) + " characters are kept.";
			}
			if (message.contains("invalid byte sequence for encoding") || message.contains("unsupported Unicode escape")
					|| message.contains("character with byte sequence")) {
				return "A text holds a character that cannot be stored (such as a NUL character).";
			}
			if (message.contains("value too long for type")) return "A value is longer than its field holds.";
			if (message.contains("duplicate key value")) return "This conflicts with data already stored (a duplicate).";
			if (message.contains("violates foreign key constraint")) return "This refers to something that does not exist.";
		}
		return null;
	}
}
