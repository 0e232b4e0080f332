package org.caremap.appointment.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.AppointmentView;

/**
 * An appointment as an iCalendar file (RFC 5545) the patient can add to their calendar: one VEVENT with a stable
 * UID (the appointment's id), DTSTAMP, DTSTART and DTEND in UTC, the kind and who as SUMMARY, the place as LOCATION,
 * and the transport and interpreter arranged as DESCRIPTION (the reason is left out: a calendar is often shared).
 * Lines end in CRLF, text values are escaped (backslash, semicolon, comma, line breaks) and lines longer than 75
 * octets are folded (CRLF and a space), never inside a UTF-8 character.
 */
final class IcsCalendar {

	static final String CRLF = "\r\n";
	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

	private IcsCalendar() {
	}

	static String of(AppointmentView a, Instant stamp) {
		List<String> lines = new ArrayList<>();
		lines.add("BEGIN:VCALENDAR");
		lines.add("VERSION:2.0");
		lines.add("PRODID:-//Caremap//Appointments//EN");
		lines.add("CALSCALE:GREGORIAN");
		lines.add("METHOD:PUBLISH");
		lines.add("BEGIN:VEVENT");
		lines.add("UID:" + a.id() + "@caremap");
		lines.add("DTSTAMP:" + UTC.format(stamp));
		lines.add("DTSTART:" + UTC.format(a.start()));
		lines.add("DTEND:" + UTC.format(a.end()));
		lines.add("SEQUENCE:" + Math.max(0, a.version()));
		lines.add("SUMMARY:" + text(a.kind().label() + (a.who().isEmpty() ? "" : " with " + a.who())));
		if (!a.where().isEmpty()) lines.add("LOCATION:" + text(a.where()));
		StringBuilder description = new StringBuilder();
		if (a.transportNeeded()) {
			description.append(a.transportArranged() ? "Transport is arranged." : "Transport is needed and not yet arranged.");
			if (a.transportNote() != null) description.append('\n').append(a.transportNote());
		}
		if (a.interpreterNeeded()) {
			if (description.length() > 0) description.append('\n');
			description.append("An interpreter is needed").append(a.interpreterLanguage() == null ? "" : " (" + a.interpreterLanguage() + ")")
				.append('.');
		}
		if (description.length() > 0) lines.add("DESCRIPTION:" + text(description.toString()));
		lines.add("STATUS:" + (a.status() == AppointmentStatus.BOOKED || a.status() == AppointmentStatus.ARRIVED ? "CONFIRMED"
				: a.status() == AppointmentStatus.PROPOSED ? "TENTATIVE" : "CANCELLED"));
		lines.add("END:VEVENT");
		lines.add("END:VCALENDAR");
		StringBuilder out = new StringBuilder();
		for (String line : lines) out.append(fold(line)).append(CRLF);
		return out.toString();
	}

	/** A TEXT value: backslash, semicolon and comma escaped, each line break (CRLF, CR or LF) as {@code \n}. */
	static String text(String value) {
		StringBuilder out = new StringBuilder(value.length() + 8);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case ';' -> out.append("\\;");
				case ',' -> out.append("\\,");
				case '\r' -> {
					out.append("\\n");
					if (i + 1 < value.length() && value.charAt(i + 1) == '\n') i++;
				}
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20 && c != '\t') continue; // other control characters are not allowed in TEXT
					out.append(c);
				}
			}
		}
		return out.toString();
	}

	/** A content line folded so that no line is longer than 75 octets (continuations start with one space). */
	static String fold(String line) {
		StringBuilder out = new StringBuilder();
		int octets = 0;
		int limit = 75;
		for (int i = 0; i < line.length();) {
			int cp = line.codePointAt(i);
			int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > limit) {
				out.append(CRLF).append(' ');
				octets = 1;
			}
			out.appendCodePoint(cp);
			octets += size;
			i += Character.charCount(cp);
		}
		return out.toString();
	}
}
