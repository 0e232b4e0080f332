package org.caremap.appointment;

import java.time.Duration;
import java.time.Instant;

import org.caremap.shared.PatientId;
import org.caremap.shared.DomainException;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;

/**
 * An appointment to record or the new details of one: who (a practitioner or an organisation, at least one), where,
 * when (an end after the start, at most a day later), why, transport and interpreter. {@code booked} says whether the
 * time is confirmed (else it is only proposed).
 */
public record NewAppointment(PatientId patient, AppointmentKind kind, @Nullable String practitioner,
		@Nullable String organisation, @Nullable String place, @Nullable String address, Instant start, Instant end,
		@Nullable String reason, boolean transportNeeded, boolean transportArranged, @Nullable String transportNote,
		boolean interpreterNeeded, @Nullable String interpreterLanguage, boolean booked) {

	public NewAppointment {
		if (patient == null || kind == null || start == null || end == null) {
			throw new DomainException("appointment.incomplete", "an appointment needs a patient, a kind, a start and an end");
		}
		practitioner = Texts.orNull(practitioner);
		organisation = Texts.orNull(organisation);
		place = Texts.orNull(place);
		address = Texts.orNull(address);
		reason = Texts.orNull(reason);
		transportNote = Texts.orNull(transportNote);
		interpreterLanguage = Texts.orNull(interpreterLanguage);
		if (practitioner == null && organisation == null) {
			throw new DomainException("appointment.who", "an appointment needs a practitioner or an organisation");
		}
		if (!end.isAfter(start)) throw new DomainException("appointment.ends-before", "the appointment ends before it starts");
		if (Duration.between(start, end).compareTo(Duration.ofDays(1)) > 0) {
			throw new DomainException("appointment.too-long", "an appointment lasts at most a day");
		}
		if (!transportNeeded) transportArranged = false;
		if (!interpreterNeeded) interpreterLanguage = null;
	}
}
