package org.caremap.transition.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/** Builds HL7 ACK messages in the sender's version and separators, with an ERR segment for AE and AR. */
final class Acks {

	private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
	private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

	private Acks() {
	}

	/** HL7 table 0357 codes used in ERR-3. */
	enum Error {
		REQUIRED_FIELD("101", "Required field missing"), DATA_TYPE("102", "Data type error"),
		UNSUPPORTED_TYPE("200", "Unsupported message type"), UNSUPPORTED_EVENT("201", "Unsupported event code"),
		UNSUPPORTED_VERSION("203", "Unsupported version id"), INTERNAL("207", "Application internal error");

		final String code;
		final String text;

		Error(String code, String text) {
			this.code = code;
			this.text = text;
		}
	}

	static String ack(AdtParser.@Nullable Header h, String code, @Nullable Error error, @Nullable String detail) {
		char f = h == null ? '|' : h.field();
		String enc = h == null || !usable(h.encoding(), f) ? "^~\\&" : h.encoding().substring(0, 4);
		char c = enc.charAt(0);
		String version = h == null || clean(h.version()).isBlank() ? "2.5.1" : clean(h.version());
		String event = h == null ? "" : clean(h.event());
		StringBuilder s = new StringBuilder();
		s.append("MSH").append(f).append(enc).append(f)
			.append(h == null || clean(h.receivingApplication()).isBlank() ? "CAREMAP" : clean(h.receivingApplication())).append(f)
			.append(h == null ? "" : clean(h.receivingFacility())).append(f)
			.append(h == null ? "" : clean(h.sendingApplication())).append(f)
			.append(h == null ? "" : clean(h.sendingFacility())).append(f)
			.append(TS.format(OffsetDateTime.now())).append(f).append(f)
			.append("ACK").append(event.isEmpty() ? "" : c + event).append(f)
			.append("CM").append(SEQUENCE.incrementAndGet()).append(f)
			.append(h == null || clean(h.processingId()).isBlank() ? "P" : clean(h.processingId())).append(f)
			.append(version).append('\r');
		s.append("MSA").append(f).append(code).append(f).append(h == null ? "" : clean(h.controlId()));
		if (detail != null) s.append(f).append(escape(truncate(detail), enc, f));
		s.append('\r');
		if (error != null) {
			boolean old = version.startsWith("2.3") || version.startsWith("2.4");
			char sub = enc.length() > 3 ? enc.charAt(3) : '&';
			String text = detail == null ? error.text : escape(truncate(detail), enc, f);
			if (old) {
				s.append("ERR").append(f).append(c).append(c).append(c).append(error.code).append(sub).append(error.text)
					.append(sub).append("HL70357").append('\r');
			}
			else {
				s.append("ERR").append(f).append(f).append(f).append(error.code).append(c).append(error.text).append(c)
					.append("HL70357").append(f).append("E").append(f).append(f).append(f).append(f).append(text).append('\r');
			}
		}
		return s.toString();
	}

	/**
	 * The sender's encoding characters when they can frame an ACK: four different printable characters, none a
	 * letter, a digit or the field separator. Otherwise the standard ones are used.
	 */
	private static boolean usable(String encoding, char field) {
		if (encoding.length() < 4) return false;
		for (int i = 0; i < 4; i++) {
			char ch = encoding.charAt(i);
			if (ch <= ' ' || ch >= 0x7F || Character.isLetterOrDigit(ch) || ch == field || encoding.indexOf(ch) < i) return false;
		}
		return true;
	}

	/** A value echoed from the sender's MSH, without control characters (they could end the MLLP frame or a segment). */
	private static String clean(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			if (ch >= ' ' && ch != 0x7F) out.append(ch);
		}
		String v = out.toString();
		return v.length() > 200 ? v.substring(0, 200) : v;
	}

	private static String truncate(String text) {
		String one = clean(text.replace('\r', ' ').replace('\n', ' '));
		return one.length() > 200 ? one.substring(0, 200) : one;
	}

	/** HL7 escape sequences for the separators inside a text value. */
	static String escape(String text, String enc, char field) {
		char component = enc.charAt(0);
		char repetition = enc.charAt(1);
		char escape = enc.charAt(2);
		char sub = enc.length() > 3 ? enc.charAt(3) : '&';
		StringBuilder out = new StringBuilder();
		for (char ch : text.toCharArray()) {
			if (ch == escape) out.append(escape).append('E').append(escape);
			else if (ch == field) out.append(escape).append('F').append(escape);
			else if (ch == component) out.append(escape).append('S').append(escape);
			else if (ch == repetition) out.append(escape).append('R').append(escape);
			else if (ch == sub) out.append(escape).append('T').append(escape);
			else out.append(ch);
		}
		return out.toString();
	}
}
