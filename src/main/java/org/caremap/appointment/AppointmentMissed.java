package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;

/** The patient did not come to the appointment (no-show). */
public record AppointmentMissed(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with) {
}
