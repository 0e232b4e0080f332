package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * An appointment was booked (recorded as booked, confirmed, rescheduled to, or moved to another time), and whether
 * transport to it is arranged.
 */
public record AppointmentBooked(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with,
		boolean transportArranged) {

	public AppointmentBooked(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with) {
		this(patient, appointment, start, kind, with, false);
	}
}
