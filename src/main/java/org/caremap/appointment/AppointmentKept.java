package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** The patient came to the appointment (arrived), and whether transport to it was arranged. */
public record AppointmentKept(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with,
		boolean transportArranged) {

	public AppointmentKept(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with) {
		this(patient, appointment, start, kind, with, false);
	}
}
