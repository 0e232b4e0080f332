package org.caremap.appointment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.AppointmentView;
import org.caremap.shared.PatientId;
import org.junit.jupiter.api.Test;

/** The calendar file keeps to RFC 5545: CRLF lines, folding at 75 octets, escaped text, UTC times, a stable UID. */
class IcsCalendarTest {

	static final UUID ID = UUID.fromString("6f1c2a8e-1b1d-4c1e-9a55-0c7d2f1e8a01");

	static AppointmentView appointment(String practitioner, String place, String address, String transportNote) {
		return new AppointmentView(ID, new PatientId(UUID.randomUUID()), AppointmentKind.PROVIDER_VISIT,
				AppointmentStatus.BOOKED, practitioner, "Riverside Primary Care", place, address,
				Instant.parse("2026-12-08T15:30:00Z"), Instant.parse("2026-12-08T16:00:00Z"), "Private reason", true, true,
				transportNote, true, "Spanish", null, null, null, Instant.parse("2026-12-01T10:00:00Z"), "casemanager",
				Instant.parse("2026-12-01T10:00:00Z"), 2);
	}

	@Test
	void theEventHasItsUidStampAndUtcTimesAndEveryLineEndsInCrlf() {
		String ics = IcsCalendar.of(appointment("Dr. Maria Alvarez", "Suite 2", "400 Main St", "Van at 8:30"),
				Instant.parse("2026-12-06T02:15:07.123Z"));
		assertThat(ics).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:").endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n");
		assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
		List<String> lines = unfolded(ics);
		assertThat(lines).contains("UID:6f1c2a8e-1b1d-4c1e-9a55-0c7d2f1e8a01@caremap", "DTSTAMP:20261206T021507Z",
				"DTSTART:20261208T153000Z", "DTEND:20261208T160000Z", "STATUS:CONFIRMED", "SEQUENCE:2",
				"SUMMARY:Provider visit with Dr. Maria Alvarez (Riverside Primary Care)",
				"LOCATION:Suite 2\\, 400 Main St");
		assertThat(ics).doesNotContain("Private reason");
		assertThat(lines.stream().filter(l -> l.startsWith("BEGIN:VEVENT")).count()).isEqualTo(1);
	}

	@Test
	void commasSemicolonsBackslashesAndLineBreaksAreEscaped() {
		assertThat(IcsCalendar.text("a, b; c \\ d\ne\r\nf\rg")).isEqualTo("a\\, b\\; c \\\\ d\\ne\\nf\\ng");
		String ics = IcsCalendar.of(appointment("Dr. O'Neil; PhD", "Clinic, 2nd floor", "1 Main St\\Rear", "Line one\nLine two"),
				Instant.parse("2026-12-06T00:00:00Z"));
		List<String> lines = unfolded(ics);
		assertThat(lines).contains("LOCATION:Clinic\\, 2nd floor\\, 1 Main St\\\\Rear");
		assertThat(lines).anyMatch(l -> l.startsWith("SUMMARY:Provider visit with Dr. O'Neil\\; PhD"));
		assertThat(lines).anyMatch(l -> l.startsWith("DESCRIPTION:Transport is arranged.\\nLine one\\nLine two\\n"));
	}

	@Test
	void longLinesAreFoldedAt75OctetsNeverInsideACharacter() {
		String longName = "Dr. Ana María Núñez-Fernández de la Cruz, Centro de Salud Comunitario de Riverside ✓✓✓✓";
		String ics = IcsCalendar.of(appointment(longName, "Edificio Ñandú, planta 3", "1234 Avenida de los Árboles", "Van"),
				Instant.parse("2026-12-06T00:00:00Z"));
		boolean folded = false;
		for (String line : ics.split("\r\n", -1)) {
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
			if (line.startsWith(" ")) folded = true;
		}
		assertThat(folded).as("a long SUMMARY is folded").isTrue();
		// unfolding (removing CRLF and the one space) gives back the whole escaped value, characters intact
		assertThat(unfolded(ics)).contains("SUMMARY:Provider visit with " + IcsCalendar.text(longName) + " (Riverside Primary Care)");
		assertThat(new String(ics.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(ics);
	}

	@Test
	void foldingSplitsExactlyAfter75Octets() {
		String line = "X".repeat(200);
		String folded = IcsCalendar.fold(line);
		String[] parts = folded.split("\r\n");
		assertThat(parts[0]).hasSize(75);
		assertThat(parts[1]).startsWith(" ").hasSize(75);
		assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
		assertThat(IcsCalendar.fold("short")).isEqualTo("short");
	}

	@Test
	void aCancelledOrProposedAppointmentSaysSo() {
		AppointmentView a = appointment("Dr. A", "P", "A", "T");
		AppointmentView proposed = new AppointmentView(a.id(), a.patient(), a.kind(), AppointmentStatus.PROPOSED, a.practitioner(),
				a.organisation(), a.place(), a.address(), a.start(), a.end(), a.reason(), false, false, null, false, null, null,
				null, null, a.createdAt(), a.createdBy(), a.updatedAt(), 0);
		assertThat(unfolded(IcsCalendar.of(proposed, Instant.now()))).contains("STATUS:TENTATIVE").noneMatch(l -> l.startsWith("DESCRIPTION"));
	}

	private static List<String> unfolded(String ics) {
		return Arrays.asList(ics.replace("\r\n ", "").split("\r\n"));
	}
}
