package org.caremap.appointment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * The patient's appointments. Reads need the right to read the patient's record, changes the right to write it;
 * every read and change is audited. Each change of status follows {@link AppointmentStatus.Action} and publishes its
 * event ({@link AppointmentBooked}, {@link AppointmentKept}, {@link AppointmentMissed}, {@link AppointmentCancelled}).
 */
public interface Appointments {

	/** The patient's appointments, latest start first. */
	List<AppointmentView> ofPatient(PatientId patient);

	Optional<AppointmentView> find(UUID id);

	/**
	 * The open appointments of these patients (those the current user may read) starting from {@code from} up to (not including) {@code to}, soonest
	 * first, at most {@code limit}: "My day" shows its case manager's patients' next visits.
	 */
	List<AppointmentView> upcoming(Collection<PatientId> patients, Instant from, Instant to, int limit);

	/** Records an appointment, proposed or booked. */
	UUID record(NewAppointment appointment);

	/** Changes the details of an appointment that may still happen (the expected version guards a stale form). */
	void change(UUID id, NewAppointment details, int version);

	/** Moves the appointment on by the action (book, arrived, no-show, cancel); a refusal names its status. */
	void apply(UUID id, AppointmentStatus.Action action, @Nullable String note);

	/** Moves the appointment to a new time: a new booked appointment with the same details; the old one names it. */
	UUID reschedule(UUID id, Instant start, Instant end, @Nullable String note);
}
