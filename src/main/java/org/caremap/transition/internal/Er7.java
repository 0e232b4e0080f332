package org.caremap.transition.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.hl7v2.parser.DefaultEscaping;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import org.jspecify.annotations.Nullable;

/**
 * An HL7 v2 message in its pipe-and-hat text (ER7), split by the separators its MSH declares: segments in document
 * order by name, each segment's fields, and on request a value by repetition, component and subcomponent, its
 * escapes decoded (HAPI's own decoding). Only what is read is split: taking a message costs a few microseconds, not
 * the building of a whole typed model, so that the ACK of a feed goes back as soon as the message is stored.
 */
final class Er7 {

	private static final DefaultEscaping ESCAPING = new DefaultEscaping();

	private final Map<String, List<Segment>> byName = new HashMap<>();
	private final EncodingCharacters encoding;
	private final char component;
	private final char repetition;
	private final char escape;
	private final char subcomponent;

	/**
	 * @param text the message with segments separated by CR (see {@link AdtParser#normalise})
	 * @param header its MSH, read already
	 * @throws IllegalArgumentException when MSH-2 does not give usable encoding characters
	 */
	Er7(String text, AdtParser.Header header) {
		String enc = header.encoding();
		char field = header.field();
		component = at(enc, 0, '^');
		repetition = at(enc, 1, '~');
		escape = at(enc, 2, '\\');
		subcomponent = at(enc, 3, '&');
		char[] all = { field, component, repetition, escape, subcomponent };
		for (int i = 0; i < all.length; i++) {
			for (int j = i + 1; j < all.length; j++) {
				if (all[i] == all[j]) {
					throw new IllegalArgumentException("MSH-2 (encoding characters) '" + enc + "' uses '" + all[i] + "' twice");
				}
			}
		}
		encoding = new EncodingCharacters(field, component, repetition, escape, subcomponent);
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\r', start);
			if (end < 0) end = text.length();
			if (end - start >= 3) {
				String line = text.substring(start, end);
				String name = line.substring(0, 3);
				if (!"MSH".equals(name)) byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(new Segment(split(line, field)));
			}
			start = end + 1;
		}
	}

	private static char at(String encoding, int i, char otherwise) {
		return i < encoding.length() ? encoding.charAt(i) : otherwise;
	}

	/** The first segment of that name (MSH is read by {@link AdtParser#header}, not here); null when there is none. */
	@Nullable Segment first(String name) {
		List<Segment> found = byName.get(name);
		return found == null ? null : found.get(0);
	}

	List<Segment> all(String name) {
		return byName.getOrDefault(name, List.of());
	}

	/** One segment: field n is {@code fields[n]} (the name is field 0). */
	final class Segment {
		private final List<String> fields;

		private Segment(List<String> fields) {
			this.fields = fields;
		}

		/** How many repetitions the field has (0 when the segment does not reach it or it is empty). */
		int repetitions(int field) {
			if (field >= fields.size() || fields.get(field).isEmpty()) return 0;
			return split(fields.get(field), repetition).size();
		}

		/**
		 * A value: field (from 1), repetition (from 0), component and subcomponent (from 1), escapes decoded; null when
		 * the message does not have it.
		 */
		@Nullable String value(int field, int rep, int comp, int sub) {
			if (field < 1 || field >= fields.size()) return null;
			String v = nth(fields.get(field), repetition, rep);
			if (v == null) return null;
			v = nth(v, component, comp - 1);
			if (v == null) return null;
			v = nth(v, subcomponent, sub - 1);
			if (v == null) return null;
			return v.indexOf(escape) < 0 ? v : ESCAPING.unescape(v, encoding);
		}
	}

	/** The n-th (from 0) part of the text split at the separator, or null when it has fewer parts. */
	private static @Nullable String nth(String text, char separator, int n) {
		int start = 0;
		for (int i = 0; i < n; i++) {
			int next = text.indexOf(separator, start);
			if (next < 0) return null;
			start = next + 1;
		}
		int end = text.indexOf(separator, start);
		return end < 0 ? text.substring(start) : text.substring(start, end);
	}

	private static List<String> split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		while (true) {
			int end = text.indexOf(separator, start);
			if (end < 0) {
				parts.add(text.substring(start));
				return parts;
			}
			parts.add(text.substring(start, end));
			start = end + 1;
		}
	}
}
