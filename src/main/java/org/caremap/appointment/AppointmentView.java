package org.caremap.appointment;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/** An appointment as pages, FHIR and calendar files show it. */
public record AppointmentView(UUID id, PatientId patient, AppointmentKind kind, AppointmentStatus status,
		@Nullable String practitioner, @Nullable String organisation, @Nullable String place, @Nullable String address,
		Instant start, Instant end, @Nullable String reason, boolean transportNeeded, boolean transportArranged,
		@Nullable String transportNote, boolean interpreterNeeded, @Nullable String interpreterLanguage,
		@Nullable String statusNote, @Nullable UUID rescheduledTo, @Nullable Instant remindedAt, Instant createdAt,
		String createdBy, Instant updatedAt, int version) {

	/** Who the patient sees: the practitioner, and the organisation in brackets (or the organisation alone). */
	public String who() {
		return who(practitioner, organisation);
	}

	public static String who(@Nullable String practitioner, @Nullable String organisation) {
		if (practitioner == null) return organisation == null ? "" : organisation;
		return organisation == null ? practitioner : practitioner + " (" + organisation + ")";
	}

	/** Where: the place and its address, as far as they are known. */
	public String where() {
		if (place == null) return address == null ? "" : address;
		return address == null ? place : place + ", " + address;
	}

	public long minutes() {
		return java.time.Duration.between(start, end).toMinutes();
	}

	/** Whether it is still ahead at this time (and may still happen). */
	public boolean upcoming(Instant now) {
		return status.open() && end.isAfter(now);
	}

	/** A transport or interpreter need nobody has seen to yet. */
	public boolean transportMissing() {
		return transportNeeded && !transportArranged;
	}
}
