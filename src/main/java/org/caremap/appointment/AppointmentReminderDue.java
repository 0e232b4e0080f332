package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A booked appointment's reminder time has come (once per appointment): who and where, so that the reminder can
 * say it in plain words; whether transport was arranged, so that it can say so.
 */
public record AppointmentReminderDue(PatientId patient, UUID appointment, Instant start, AppointmentKind kind, String with,
		@Nullable String where, boolean transportArranged, @Nullable String transportNote) {
}
