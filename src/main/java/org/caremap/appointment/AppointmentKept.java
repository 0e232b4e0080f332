package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** The patient came to the appointment (arrived). */
public record AppointmentKept(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with) {
}
