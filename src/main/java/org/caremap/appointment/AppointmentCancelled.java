package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** The appointment will not happen at this time: cancelled, or rescheduled (then {@code rescheduledTo} names the new one). */
public record AppointmentCancelled(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with,
		@Nullable UUID rescheduledTo) {
}
