package org.caremap.appointment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.AccessPurpose;
import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentBooked;
import org.caremap.appointment.AppointmentCancelled;
import org.caremap.appointment.AppointmentKept;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentMissed;
import org.caremap.appointment.AppointmentStatus;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.audit.AuditEntry;
import org.caremap.audit.AuditOutcome;
import org.caremap.audit.AuditTrail;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PatientsMerged;
import org.caremap.shared.CurrentActor;
import org.caremap.shared.DomainException;
import org.caremap.shared.Ids;
import org.caremap.shared.NotFoundException;
import org.caremap.shared.PatientId;
import org.caremap.shared.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The appointments, in the {@code appointment} table. The patient's record is checked (read or write) before
 * anything is looked up, every read and change is audited, and each change of status is one guarded update:
 * {@code where status = any(<the statuses the action starts from>)}, so two people marking the same appointment
 * cannot both succeed, and the event of the change is published in the same transaction.
 */
@Service
@Transactional
class JdbcAppointments implements Appointments {

	static final String RESOURCE = "Appointment";

	private final JdbcClient jdbc;
	private final PatientAccess access;
	private final AuditTrail audit;
	private final ApplicationEventPublisher events;
	private final PatientRegistry patients;

	JdbcAppointments(JdbcClient jdbc, PatientAccess access, AuditTrail audit, ApplicationEventPublisher events,
			PatientRegistry patients) {
		this.patients = patients;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AppointmentView> ofPatient(PatientId patient) {
		access.require(patient, AccessPurpose.READ);
		List<AppointmentView> list = jdbc.sql("""
				select * from appointment where patient_id = ? and not voided order by starts_at desc, id""")
			.param(patient.value()).query(JdbcAppointments::view).list();
		audit.record(new AuditEntry("READ", RESOURCE, null, patient, AuditOutcome.SUCCESS, list.size() + " appointments"));
		return list;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AppointmentView> find(UUID id) {
		Optional<AppointmentView> found = load(id);
		found.ifPresent(a -> {
			access.require(a.patient(), AccessPurpose.READ);
			audit.record(AuditEntry.read(RESOURCE, id.toString(), a.patient()));
		});
		return found;
	}

	private Optional<AppointmentView> load(UUID id) {
		return jdbc.sql("select * from appointment where id = ? and not voided").param(id).query(JdbcAppointments::view)
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<AppointmentView> upcoming(Collection<PatientId> patients, Instant from, Instant to, int limit) {
		if (patients.isEmpty()) return List.of();
		Set<PatientId> readable = access.readable(patients);
		if (readable.isEmpty()) return List.of();
		List<AppointmentView> list = jdbc.sql("""
				select * from appointment
				where patient_id = any(?) and starts_at >= ? and starts_at < ? and status in ('PROPOSED', 'BOOKED') and not voided
				order by starts_at, id limit ?""")
			.params(readable.stream().map(PatientId::value).toArray(UUID[]::new), time(from), time(to), Math.max(1, limit))
			.query(JdbcAppointments::view).list();
		audit.recordAll(list.stream().map(AppointmentView::patient).distinct()
			.map(p -> new AuditEntry("READ", RESOURCE, null, p, AuditOutcome.SUCCESS, "upcoming appointments")).toList());
		return list;
	}

	@Override
	public UUID record(NewAppointment a) {
		access.require(a.patient(), AccessPurpose.WRITE);
		// the patient must exist (a system writing for the whole organisation may name any id)
		if (patients.find(a.patient()).isEmpty()) throw new NotFoundException("patient", a.patient().value());
		UUID id = Ids.newId();
		AppointmentStatus status = a.booked() ? AppointmentStatus.BOOKED : AppointmentStatus.PROPOSED;
		jdbc.sql("""
				insert into appointment (id, patient_id, kind, status, practitioner, organisation, place, address, starts_at,
				    ends_at, reason, transport_needed, transport_arranged, transport_note, interpreter_needed,
				    interpreter_language, created_by, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, a.patient().value(), a.kind().name(), status.name(), a.practitioner(), a.organisation(), a.place(),
					a.address(), time(a.start()), time(a.end()), a.reason(), a.transportNeeded(), a.transportArranged(),
					a.transportNote(), a.interpreterNeeded(), a.interpreterLanguage(), CurrentActor.name(), CurrentActor.name())
			.update();
		audit.record(new AuditEntry("CREATE", RESOURCE, id.toString(), a.patient(), AuditOutcome.SUCCESS, status.name()));
		if (status == AppointmentStatus.BOOKED) {
			events.publishEvent(new AppointmentBooked(a.patient(), id, a.start(), a.kind(), AppointmentView.who(a.practitioner(), a.organisation()),
					a.transportArranged()));
		}
		return id;
	}

	@Override
	public void change(UUID id, NewAppointment d, int version) {
		access.require(d.patient(), AccessPurpose.WRITE);
		AppointmentView before = mine(id, d.patient());
		if (!before.status().open()) {
			throw new DomainException("appointment.closed", "the appointment is " + before.status() + " and cannot be changed",
					words(before.status().name()));
		}
		boolean moved = !before.start().equals(d.start()) || before.kind() != d.kind();
		boolean book = before.status() == AppointmentStatus.PROPOSED && d.booked();
		int changed = jdbc.sql("""
				update appointment set kind = ?, practitioner = ?, organisation = ?, place = ?, address = ?, starts_at = ?,
				    ends_at = ?, reason = ?, transport_needed = ?, transport_arranged = ?, transport_note = ?,
				    interpreter_needed = ?, interpreter_language = ?,
				    status = case when ? then 'BOOKED' else status end,
				    reminded_at = case when ? then null else reminded_at end,
				    version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and version = ? and status = any(?)""")
			.params(d.kind().name(), d.practitioner(), d.organisation(), d.place(), d.address(), time(d.start()),
					time(d.end()), d.reason(), d.transportNeeded(), d.transportArranged(), d.transportNote(),
					d.interpreterNeeded(), d.interpreterLanguage(), book, moved, CurrentActor.name(), id, version,
					new String[] { "PROPOSED", "BOOKED" })
			.update();
		if (changed == 0) {
			throw new DomainException("appointment.stale", "the appointment was changed by someone else in the meantime");
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, id.toString(), d.patient(), AuditOutcome.SUCCESS, book ? "booked" : null));
		boolean bookedNow = book || before.status() == AppointmentStatus.BOOKED;
		String with = AppointmentView.who(d.practitioner(), d.organisation());
		if (bookedNow && (book || moved)) {
			if (before.status() == AppointmentStatus.BOOKED && before.kind() != d.kind()) {
				events.publishEvent(new AppointmentCancelled(d.patient(), id, before.start(), before.kind(), before.who(), null));
			}
			events.publishEvent(new AppointmentBooked(d.patient(), id, d.start(), d.kind(), with, d.transportArranged()));
		}
	}

	/** The appointment, which must be this patient's (else it is not found, whatever it is). */
	private AppointmentView mine(UUID id, PatientId patient) {
		return load(id).filter(a -> a.patient().equals(patient)).orElseThrow(() -> new NotFoundException("appointment", id));
	}

	/** Loads the appointment for a change: refused unless the user may write the patient's record. */
	private AppointmentView forChange(UUID id) {
		AppointmentView a = load(id).orElseThrow(() -> new NotFoundException("appointment", id));
		access.require(a.patient(), AccessPurpose.WRITE);
		return a;
	}

	@Override
	public void apply(UUID id, AppointmentStatus.Action action, @Nullable String note) {
		if (action == AppointmentStatus.Action.RESCHEDULE) {
			throw new DomainException("appointment.reschedule-time", "a rescheduled appointment needs its new time");
		}
		AppointmentView a = forChange(id);
		move(a, action, note, null);
		switch (action) {
			case BOOK -> events.publishEvent(new AppointmentBooked(a.patient(), id, a.start(), a.kind(), a.who(), a.transportArranged()));
			case ARRIVE -> events.publishEvent(new AppointmentKept(a.patient(), id, a.start(), a.kind(), a.who(), a.transportArranged()));
			case NO_SHOW -> events.publishEvent(new AppointmentMissed(a.patient(), id, a.start(), a.kind(), a.who()));
			case CANCEL -> events.publishEvent(new AppointmentCancelled(a.patient(), id, a.start(), a.kind(), a.who(), null));
			case RESCHEDULE -> throw new IllegalStateException("handled above");
		}
	}

	/** The guarded update of one transition; a refusal names the status the appointment is in. */
	private void move(AppointmentView a, AppointmentStatus.Action action, @Nullable String note, @Nullable UUID to) {
		String[] from = action.from().stream().map(Enum::name).toArray(String[]::new);
		int changed = jdbc.sql("""
				update appointment set status = ?, status_note = coalesce(?, status_note), rescheduled_to = ?,
				    version = version + 1, updated_at = now(), updated_by = ?
				where id = ? and status = any(?)""")
			.params(action.to().name(), Texts.orNull(note), to, CurrentActor.name(), a.id(), from)
			.update();
		if (changed == 0) {
			String now = jdbc.sql("select status from appointment where id = ?").param(a.id()).query(String.class).single();
			throw new DomainException("appointment.illegal-transition", "appointment " + a.id() + " is " + now + ": cannot " + action,
					words(now), words(action.name()));
		}
		audit.record(new AuditEntry("UPDATE", RESOURCE, a.id().toString(), a.patient(), AuditOutcome.SUCCESS,
				action.name() + " -> " + action.to().name()));
	}

	@Override
	public UUID reschedule(UUID id, Instant start, Instant end, @Nullable String note) {
		AppointmentView a = forChange(id);
		NewAppointment next = new NewAppointment(a.patient(), a.kind(), a.practitioner(), a.organisation(), a.place(),
				a.address(), start, end, a.reason(), a.transportNeeded(), false, a.transportNote(), a.interpreterNeeded(),
				a.interpreterLanguage(), true);
		if (!a.status().open()) {
			throw new DomainException("appointment.illegal-transition", "appointment " + id + " is " + a.status() + ": cannot RESCHEDULE",
					words(a.status().name()), words(AppointmentStatus.Action.RESCHEDULE.name()));
		}
		UUID newId = record(next);
		move(a, AppointmentStatus.Action.RESCHEDULE, note, newId);
		events.publishEvent(new AppointmentCancelled(a.patient(), id, a.start(), a.kind(), a.who(), newId));
		return newId;
	}

	/** The appointments of a merged record move to the surviving one. */
	@EventListener
	void on(PatientsMerged merged) {
		jdbc.sql("update appointment set patient_id = ? where patient_id = ?")
			.params(merged.survivor().value(), merged.merged().value()).update();
	}

	/** A status or action in words for a sentence ("no show", "rescheduled"). */
	private static String words(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

	static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	static AppointmentView view(ResultSet rs, int n) throws SQLException {
		return new AppointmentView(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
				AppointmentKind.valueOf(rs.getString("kind")), AppointmentStatus.valueOf(rs.getString("status")),
				rs.getString("practitioner"), rs.getString("organisation"), rs.getString("place"), rs.getString("address"),
				instant(rs, "starts_at"), instant(rs, "ends_at"), rs.getString("reason"), rs.getBoolean("transport_needed"),
				rs.getBoolean("transport_arranged"), rs.getString("transport_note"), rs.getBoolean("interpreter_needed"),
				rs.getString("interpreter_language"), rs.getString("status_note"), rs.getObject("rescheduled_to", UUID.class),
				instant(rs, "reminded_at"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"),
				rs.getInt("version"));
	}
}
