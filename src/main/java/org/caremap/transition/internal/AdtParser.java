package org.caremap.transition.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.caremap.transition.AdtMessage;
import org.jspecify.annotations.Nullable;

/**
 * Reads raw ADT messages into the canonical model, by the message's own separators ({@link Er7}): only the segments
 * and fields Caremap uses are read, escapes decoded by HAPI's escaping. (HAPI's typed parse of the whole message was
 * three quarters of the time a message took to be acknowledged; the same values come out, as the sample corpus and
 * the fuzz test check.) Tolerates what real feeds send: a byte-order mark, LF or CRLF between segments, versions 2.3
 * to 2.8, events sharing a structure, and Z-segments. Anything else is a {@link Refusal} that says which ACK code to send and why: among them a NUL byte
 * (no HL7 text holds one) and a message beyond the {@link Limits}, both checked before the message is parsed.
 */
public final class AdtParser {

	static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8",
			"2.8.1", "2.8.2");

	/** Events whose structure requires the visit (PV1); without it a message was most likely cut short. */
	static final Set<String> VISIT_EVENTS = Set.of("A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A11", "A13");

	private final Limits limits;

	/**
	 * How large a message may be: its bytes as received, its number of segments, and the characters of one segment
	 * and of one field (with all its repetitions and components).
	 */
	record Limits(int messageBytes, int segments, int segmentLength, int fieldLength) {
		static final Limits DEFAULT = new Limits(1_048_576, 1_000, 131_072, 65_536);
	}

	public AdtParser() {
		this(Limits.DEFAULT);
	}

	AdtParser(Limits limits) {
		this.limits = limits;
	}

	/** Why a message is refused: the ACK code (AE: fix the content; AR: not for us, or not now) and the reason. */
	public static final class Refusal extends Exception {
		private final String code;
		private final Acks.Error error;
		private final transient @Nullable Header header;

		Refusal(String code, Acks.Error error, String reason, @Nullable Header header) {
			super(reason);
			this.code = code;
			this.error = error;
			this.header = header;
		}

		Acks.Error error() {
			return error;
		}

		public String code() {
			return code;
		}

		public @Nullable Header header() {
			return header;
		}
	}

	/** The MSH fields an ACK needs, read without a full parse (so even a broken message is answered properly). */
	public record Header(char field, String encoding, String sendingApplication, String sendingFacility,
			String receivingApplication, String receivingFacility, String messageType, String event, String controlId,
			String processingId, String version) {
	}

	/** The message text as HL7 wants it: no byte-order mark, segments separated by CR only, no trailing blanks. */
	public static String normalise(byte[] raw) {
		String text = new String(raw, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) text = text.substring(1);
		text = text.replace("\r\n", "\r").replace('\n', '\r');
		int start = 0;
		int end = text.length();
		while (start < end && text.charAt(start) == '\r') start++;
		while (end > start && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == ' ')) end--;
		return text.substring(start, end);
	}

	/**
	 * Reads MSH by its own separators; null when the text is not HL7 at all (no MSH, or a field separator that is a
	 * letter, a digit, a blank or a control character). A NUL byte in a value is read as U+FFFD, so that the header
	 * can be stored and echoed even for a message refused for holding one.
	 */
	public static @Nullable Header header(String text) {
		if (text.length() < 8 || !text.startsWith("MSH")) return null;
		char field = text.charAt(3);
		if (field <= ' ' || field >= 0x7F || Character.isLetterOrDigit(field)) return null;
		int end = text.indexOf('\r');
		String msh = (end < 0 ? text : text.substring(0, end)).replace('\0', '\uFFFD');
		String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
		if (f.length < 2) return null;
		String encoding = f[1];
		char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
		// f[0] is "MSH", f[1] MSH-2, so MSH-n is f[n-1]
		String type = at(f, 9);
		String[] typeParts = type.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
		return new Header(field, encoding, first(at(f, 3), component), first(at(f, 4), component),
				first(at(f, 5), component), first(at(f, 6), component), typeParts[0],
				typeParts.length > 1 ? typeParts[1] : "", at(f, 10), first(at(f, 11), component), first(at(f, 12), component));
	}

	private static String at(String[] fields, int n) {
		return n - 1 < fields.length ? fields[n - 1] : "";
	}

	private static String first(String value, char component) {
		int i = value.indexOf(component);
		return i < 0 ? value : value.substring(0, i);
	}

	/** Reads a message as received: its size first, then its text (see {@link #normalise}). */
	AdtMessage parse(byte[] raw) throws Refusal {
		String text = normalise(raw);
		if (raw.length > limits.messageBytes()) {
			throw new Refusal("AE", Acks.Error.DATA_TYPE, "the message is larger than the limit of " + limits.messageBytes()
					+ " bytes (max-message-bytes)", header(text));
		}
		return parse(text);
	}

	public AdtMessage parse(String text) throws Refusal {
		Header h = header(text);
		if (h == null) throw new Refusal("AR", Acks.Error.UNSUPPORTED_TYPE, "not an HL7 v2 message (it does not start with an MSH segment)", null);
		if (!"ADT".equals(h.messageType())) {
			throw new Refusal("AR", Acks.Error.UNSUPPORTED_TYPE, "message type " + h.messageType() + " is not accepted here (ADT only)", h);
		}
		if (!VERSIONS.contains(h.version())) {
			throw new Refusal("AR", Acks.Error.UNSUPPORTED_VERSION, "HL7 version '" + h.version() + "' is not supported (2.3 to 2.8)", h);
		}
		int nul = text.indexOf('\0');
		if (nul >= 0) {
			throw new Refusal("AE", Acks.Error.DATA_TYPE, "the message holds a NUL byte (0x00) at character " + nul
					+ "; HL7 text may not contain one", h);
		}
		checkLimits(text, h);
		if (h.controlId().isBlank()) throw new Refusal("AE", Acks.Error.REQUIRED_FIELD, "MSH-10 (message control id) is empty", h);
		if (!h.event().matches("^A[0-9]{2}$")) throw new Refusal("AE", Acks.Error.UNSUPPORTED_EVENT, "MSH-9 names no ADT trigger event", h);
		Er7 seg;
		try {
			seg = new Er7(text, h);
		}
		catch (RuntimeException ex) {
			throw new Refusal("AE", Acks.Error.DATA_TYPE, "the message cannot be read: " + ex.getMessage(), h);
		}
		try {
			if (!text.contains("\rPID" + h.field())) throw new Refusal("AE", Acks.Error.REQUIRED_FIELD, "the message has no PID segment", h);
			Er7.Segment pid = seg.first("PID");
			List<AdtMessage.Identifier> ids = identifiers(pid, 3);
			if (ids.isEmpty()) throw new Refusal("AE", Acks.Error.REQUIRED_FIELD, "PID-3 holds no patient identifier", h);
			List<AdtMessage.Identifier> prior = text.contains("\rMRG" + h.field()) ? identifiers(seg.first("MRG"), 1) : List.of();
			if ("A40".equals(h.event()) && prior.isEmpty()) {
				throw new Refusal("AE", Acks.Error.REQUIRED_FIELD, "an A40 merge needs the prior identifier in MRG-1", h);
			}
			List<String> diagnoses = new ArrayList<>();
			if (text.contains("\rDG1" + h.field())) {
				for (Er7.Segment dg1 : seg.all("DG1")) {
					String code = get(dg1, 3, 0, 1, 1);
					if (code == null) break;
					diagnoses.add(code);
					if (diagnoses.size() == 20) break;
				}
			}
			boolean hasVisit = text.contains("\rPV1" + h.field());
			if (!hasVisit && VISIT_EVENTS.contains(h.event())) {
				throw new Refusal("AE", Acks.Error.REQUIRED_FIELD, "an " + h.event() + " needs a PV1 segment (is the message cut short?)", h);
			}
			Er7.Segment evn = seg.first("EVN");
			Er7.Segment pv1 = hasVisit ? seg.first("PV1") : null;
			AdtMessage.Time recorded = time(get(evn, 2, 0, 1, 1));
			return new AdtMessage(h.sendingApplication(), h.sendingFacility(), h.controlId(), h.version(), h.event(),
					recorded == null ? null : recorded.local(), ids,
					get(pid, 5, 0, 1, 1), get(pid, 5, 0, 2, 1), date(get(pid, 7, 0, 1, 1)), get(pid, 8, 0, 1, 1),
					get(pv1, 2, 0, 1, 1), location(pv1), get(pv1, 4, 0, 1, 1), get(pv1, 14, 0, 1, 1), get(pv1, 19, 0, 1, 1),
					get(pv1, 36, 0, 1, 1), time(get(pv1, 44, 0, 1, 1)), time(get(pv1, 45, 0, 1, 1)), prior, diagnoses,
					contact(pid));
		}
		catch (RuntimeException ex) {
			throw new Refusal("AE", Acks.Error.DATA_TYPE, "a field cannot be read: " + ex.getMessage(), h);
		}
	}

	/**
	 * Counts the segments and measures each segment and each field (one pass over the text), before any parsing.
	 * Fields are numbered as HL7 does: MSH-1 is the field separator itself, so the text after it is MSH-2.
	 */
	private void checkLimits(String text, Header h) throws Refusal {
		int segments = 0;
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\r', start);
			if (end < 0) end = text.length();
			if (end > start) {
				segments++;
				String name = text.substring(start, Math.min(start + 3, end));
				if (segments > limits.segments()) {
					throw new Refusal("AE", Acks.Error.DATA_TYPE, "the message has more than " + limits.segments()
							+ " segments, the limit (max-segments)", h);
				}
				if (end - start > limits.segmentLength()) {
					throw new Refusal("AE", Acks.Error.DATA_TYPE, "segment " + segments + " (" + name + ") is " + (end - start)
							+ " characters long, over the limit of " + limits.segmentLength() + " (max-segment-length)", h);
				}
				int field = name.equals("MSH") ? 1 : 0;
				int fieldStart = start;
				for (int i = start; i <= end; i++) {
					if (i == end || text.charAt(i) == h.field()) {
						if (i - fieldStart > limits.fieldLength()) {
							throw new Refusal("AE", Acks.Error.DATA_TYPE, name + "-" + field + " (segment " + segments + ") is "
									+ (i - fieldStart) + " characters long, over the limit of " + limits.fieldLength()
									+ " (max-field-length)", h);
						}
						field++;
						fieldStart = i + 1;
					}
				}
			}
			start = end + 1;
		}
	}

	/** The identifiers of a CX field (PID-3, MRG-1), at most ten repetitions: value, authority, type. */
	private static List<AdtMessage.Identifier> identifiers(Er7.@Nullable Segment segment, int field) {
		List<AdtMessage.Identifier> ids = new ArrayList<>();
		if (segment == null) return ids;
		int reps = Math.min(10, segment.repetitions(field));
		for (int rep = 0; rep < reps; rep++) {
			String value = get(segment, field, rep, 1, 1);
			if (value == null) continue;
			ids.add(new AdtMessage.Identifier(value, get(segment, field, rep, 4, 1), get(segment, field, rep, 5, 1)));
		}
		return ids;
	}

	/** The contact details of PID (see {@link AdtMessage.Contact}). */
	private static AdtMessage.Contact contact(Er7.@Nullable Segment pid) {
		if (pid == null) return AdtMessage.Contact.NONE;
		String street = get(pid, 11, 0, 1, 1);
		String other = get(pid, 11, 0, 2, 1);
		String line = street == null ? other : other == null ? street : street + ", " + other;
		String phone = null;
		String email = null;
		for (int field : new int[] { 13, 14 }) {
			int reps = Math.min(5, pid.repetitions(field));
			for (int rep = 0; rep < reps; rep++) {
				String use = get(pid, field, rep, 2, 1);
				String equipment = get(pid, field, rep, 3, 1);
				String address = get(pid, field, rep, 4, 1);
				String number = get(pid, field, rep, 1, 1);
				boolean internet = "NET".equalsIgnoreCase(use) || "Internet".equalsIgnoreCase(equipment) || "X.400".equalsIgnoreCase(equipment);
				if (internet) {
					if (email == null) email = address != null ? address : number;
					continue;
				}
				if (phone == null) {
					String area = get(pid, field, rep, 6, 1);
					String local = get(pid, field, rep, 7, 1);
					if (number != null) phone = number;
					else if (local != null) phone = area == null ? local : "(" + area + ") " + local;
				}
				if (email == null && address != null && address.contains("@")) email = address;
			}
		}
		return new AdtMessage.Contact(get(pid, 5, 0, 3, 1), line, get(pid, 11, 0, 3, 1), get(pid, 11, 0, 4, 1),
				get(pid, 11, 0, 5, 1), phone, email, language(get(pid, 15, 0, 1, 1)));
	}

	/** ISO 639-2 (terminology) codes to ISO 639-1. */
	private static final java.util.Map<String, String> ISO3 = iso3();

	private static java.util.Map<String, String> iso3() {
		java.util.Map<String, String> codes = new java.util.HashMap<>();
		for (String two : java.util.Locale.getISOLanguages()) {
			try {
				codes.put(new java.util.Locale(two).getISO3Language(), two);
			}
			catch (java.util.MissingResourceException ex) {
				// a language Java knows no three-letter code for
			}
		}
		return java.util.Map.copyOf(codes);
	}

	/** An ISO 639-1 code for a PID-15 language code given as ISO 639-1 or 639-2 ("es", "spa", "SPA"); null otherwise. */
	static @Nullable String language(@Nullable String code) {
		if (code == null) return null;
		String c = code.strip().toLowerCase(java.util.Locale.ROOT);
		if (c.matches("^[a-z]{2}$")) return java.util.Arrays.asList(java.util.Locale.getISOLanguages()).contains(c) ? c : null;
		if (c.matches("^[a-z]{3}$")) {
			String two = ISO3.get(c);
			if (two != null) return two;
			// the bibliographic 639-2 codes Java does not list
			return switch (c) {
				case "chi" -> "zh";
				case "fre" -> "fr";
				case "ger" -> "de";
				case "per" -> "fa";
				case "arm" -> "hy";
				case "bur" -> "my";
				default -> null;
			};
		}
		return null;
	}

	private static @Nullable String location(Er7.@Nullable Segment pv1) {
		if (pv1 == null) return null;
		String unit = get(pv1, 3, 0, 1, 1);
		String room = get(pv1, 3, 0, 2, 1);
		String bed = get(pv1, 3, 0, 3, 1);
		String facility = get(pv1, 3, 0, 4, 1);
		// in words, as a case manager would say it: "Unit 6E, room 611, bed 1 (RGH)", not the raw "RGH 6E 611 1"
		java.util.List<String> parts = new java.util.ArrayList<>();
		if (unit != null) parts.add("Unit " + unit);
		if (room != null) parts.add("room " + room);
		if (bed != null) parts.add("bed " + bed);
		if (parts.isEmpty()) return facility;
		String where = String.join(", ", parts);
		where = Character.toUpperCase(where.charAt(0)) + where.substring(1);
		return facility == null ? where : where + " (" + facility + ")";
	}

	/**
	 * One value: field, repetition (from 0), component and subcomponent (from 1), as sent (escapes decoded), or null
	 * when absent, blank or the HL7 null {@code ""}.
	 */
	private static @Nullable String get(Er7.@Nullable Segment segment, int field, int rep, int component, int subcomponent) {
		if (segment == null) return null;
		String v = segment.value(field, rep, component, subcomponent);
		return v == null || v.isBlank() || "\"\"".equals(v) ? null : v.strip();
	}

	private static final java.util.regex.Pattern DTM =
			java.util.regex.Pattern.compile("^([0-9]{4}(?:[0-9]{2}){0,5})(?:\\.[0-9]{1,4})?([+-][0-9]{4})?$");

	/** HL7 DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]; anything else is refused, never guessed. */
	static AdtMessage.@Nullable Time time(@Nullable String dtm) {
		if (dtm == null) return null;
		java.util.regex.Matcher m = DTM.matcher(dtm.strip());
		if (!m.matches()) throw new IllegalArgumentException("not an HL7 date/time: " + dtm);
		String v = m.group(1);
		ZoneOffset offset = null;
		if (m.group(2) != null) {
			String z = m.group(2);
			int sign = z.charAt(0) == '-' ? -1 : 1;
			offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(z.substring(1, 3)), sign * Integer.parseInt(z.substring(3)));
		}
		int year = Integer.parseInt(v.substring(0, 4));
		int month = v.length() >= 6 ? Integer.parseInt(v.substring(4, 6)) : 1;
		int day = v.length() >= 8 ? Integer.parseInt(v.substring(6, 8)) : 1;
		int hour = v.length() >= 10 ? Integer.parseInt(v.substring(8, 10)) : 0;
		int minute = v.length() >= 12 ? Integer.parseInt(v.substring(10, 12)) : 0;
		int second = v.length() >= 14 ? Integer.parseInt(v.substring(12, 14)) : 0;
		return new AdtMessage.Time(LocalDateTime.of(year, month, day, hour, minute, second), offset);
	}

	static @Nullable LocalDate date(@Nullable String dtm) {
		AdtMessage.Time t = time(dtm);
		return t == null ? null : t.local().toLocalDate();
	}
}
