package org.caremap.appointment.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.caremap.access.PatientAccess;
import org.caremap.appointment.AppointmentKind;
import org.caremap.appointment.AppointmentView;
import org.caremap.appointment.Appointments;
import org.caremap.appointment.NewAppointment;
import org.caremap.fhir.FhirSearch;
import org.caremap.shared.PatientId;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appointments as base R4 FHIR Appointment (US Core 6.1.0 has no Appointment profile), through the appointment
 * module's API, which authorizes (by the patient's record) and audits each one.
 * <p>
 * Read: status proposed, booked, arrived, noshow, cancelled (a rescheduled one is cancelled, with
 * {@code cancelationReason} "Moved to another time"); {@code serviceType.text} the kind (Provider visit, Procedure or
 * surgery, Test, Community service); {@code appointmentType} routine (v2-0276); {@code reasonCode.text} why;
 * {@code start}, {@code end} and {@code minutesDuration}; participants: the patient ({@code Patient/<id>}), who the
 * patient sees (a display: the practitioner and organisation) and where (a Location display); transport and
 * interpreter in {@code patientInstruction}. Search by {@code patient} (or {@code actor} naming a patient),
 * {@code date} (the start), {@code status} and {@code _lastUpdated}, paged.
 * <p>
 * Create: status proposed or booked (default booked); a participant {@code Patient/<id>}; another participant's
 * {@code actor.display} as the practitioner (a Location participant's as the place); {@code start} and {@code end}
 * (or {@code minutesDuration}); the kind from {@code serviceType} (its text or a coding's display or code, as above;
 * default Provider visit); the reason from {@code reasonCode} or {@code description}. Anything else is refused with
 * 4xx and an OperationOutcome, and nothing is stored.
 */
@Component
class AppointmentResourceProvider implements IResourceProvider {

	static final String APPOINTMENT_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0276";
	static final String RESCHEDULED = "Moved to another time";

	private static final Map<AppointmentStatus, org.caremap.appointment.AppointmentStatus> STATUS_FROM_FHIR = Map.of(
			AppointmentStatus.PROPOSED, org.caremap.appointment.AppointmentStatus.PROPOSED,
			AppointmentStatus.BOOKED, org.caremap.appointment.AppointmentStatus.BOOKED,
			AppointmentStatus.ARRIVED, org.caremap.appointment.AppointmentStatus.ARRIVED,
			AppointmentStatus.NOSHOW, org.caremap.appointment.AppointmentStatus.NO_SHOW,
			AppointmentStatus.CANCELLED, org.caremap.appointment.AppointmentStatus.CANCELLED);

	private final Appointments appointments;
	private final JdbcClient jdbc;
	private final PatientAccess access;

	AppointmentResourceProvider(Appointments appointments, JdbcClient jdbc, PatientAccess access) {
		this.appointments = appointments;
		this.jdbc = jdbc;
		this.access = access;
	}

	@Override
	public Class<Appointment> getResourceType() {
		return Appointment.class;
	}

	@Read
	public Appointment read(@IdParam IdType id) {
		return FhirSearch.id(id.getIdPart()).flatMap(this::load).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Appointment.SP_PATIENT) @Nullable ReferenceParam patient,
			@OptionalParam(name = Appointment.SP_ACTOR) @Nullable ReferenceParam actor,
			@OptionalParam(name = Appointment.SP_DATE) @Nullable DateRangeParam date,
			@OptionalParam(name = Appointment.SP_STATUS) @Nullable TokenParam status,
			@OptionalParam(name = "_lastUpdated") @Nullable DateRangeParam lastUpdated,
			@Offset @Nullable Integer offset, @Count @Nullable Integer count) {
		FhirSearch search = new FhirSearch("appointment a").readableBy(access.readableScope(), "a.patient_id")
			.and("not a.voided");
		if (patient != null) search.and("a.patient_id = ?", FhirSearch.patient(patient));
		if (actor != null) {
			if (actor.getResourceType() != null && !"Patient".equals(actor.getResourceType())) {
				throw new InvalidRequestException("actor: only a patient (Patient/<id>) can be searched by.");
			}
			search.and("a.patient_id = ?", FhirSearch.patient(actor));
		}
		if (status != null) {
			String code = status.getValue() == null ? "" : status.getValue().toLowerCase(Locale.ROOT);
			AppointmentStatus fhir;
			try {
				fhir = AppointmentStatus.fromCode(code);
			}
			catch (org.hl7.fhir.exceptions.FHIRException ex) {
				throw new InvalidRequestException("status '" + status.getValue() + "' is not an Appointment status.");
			}
			if (fhir == AppointmentStatus.CANCELLED) search.and("a.status in ('CANCELLED', 'RESCHEDULED')");
			else if (STATUS_FROM_FHIR.containsKey(fhir)) search.and("a.status = ?", STATUS_FROM_FHIR.get(fhir).name());
			else search.and("false");
		}
		search.within("a.starts_at", date);
		search.within("a.updated_at", lastUpdated);
		return search.page(jdbc, "a.id", "a.starts_at, a.id", offset, count, this::load);
	}

	private Optional<Appointment> load(UUID id) {
		return appointments.find(id).map(AppointmentResourceProvider::toFhir);
	}

	@Create
	public MethodOutcome create(@ResourceParam Appointment resource) {
		NewAppointment appointment = fromFhir(resource);
		UUID id = appointments.record(appointment);
		MethodOutcome outcome = new MethodOutcome(new IdType("Appointment", id.toString()), true);
		outcome.setResource(read(new IdType("Appointment", id.toString())));
		return outcome;
	}

	static NewAppointment fromFhir(Appointment r) {
		boolean booked = true;
		if (r.hasStatus()) {
			if (r.getStatus() == AppointmentStatus.PROPOSED) booked = false;
			else if (r.getStatus() != AppointmentStatus.BOOKED) {
				throw new UnprocessableEntityException("Appointment.status: a new appointment is proposed or booked, not "
						+ r.getStatus().toCode() + ".");
			}
		}
		PatientId patient = null;
		String practitioner = null;
		String place = null;
		for (Appointment.AppointmentParticipantComponent p : r.getParticipant()) {
			String reference = p.getActor().getReference();
			if (reference != null && reference.startsWith("Patient/")) {
				if (patient != null) throw new UnprocessableEntityException("Appointment.participant: name one patient only.");
				patient = new PatientId(FhirSearch.uuid(new IdType(reference).getIdPart(), "Appointment.participant.actor"));
			}
			else if (p.getActor().hasDisplay()) {
				if ((reference != null && reference.startsWith("Location/")) || "Location".equals(p.getActor().getType())) {
					place = p.getActor().getDisplay();
				}
				else if (practitioner == null) practitioner = p.getActor().getDisplay();
			}
		}
		if (patient == null) {
			throw new UnprocessableEntityException("Appointment.participant: name the patient as an actor (Patient/<id>).");
		}
		if (!r.hasStart()) throw new UnprocessableEntityException("Appointment.start: say when the appointment starts.");
		Instant start = r.getStart().toInstant();
		Instant end;
		if (r.hasEnd()) end = r.getEnd().toInstant();
		else if (r.hasMinutesDuration()) end = start.plusSeconds(60L * r.getMinutesDuration());
		else throw new UnprocessableEntityException("Appointment.end: say when the appointment ends (or its minutesDuration).");
		if (practitioner == null) {
			throw new UnprocessableEntityException("Appointment.participant: name who the patient sees (an actor's display).");
		}
		String reason = null;
		if (r.hasReasonCode()) {
			CodeableConcept c = r.getReasonCodeFirstRep();
			reason = c.hasText() ? c.getText() : c.getCodingFirstRep().getDisplay();
		}
		if (reason == null && r.hasDescription()) reason = r.getDescription();
		return new NewAppointment(patient, kind(r), practitioner, null, place, null, start, end, reason, false, false, null,
				false, null, booked);
	}

	static AppointmentKind kind(Appointment r) {
		if (!r.hasServiceType()) return AppointmentKind.PROVIDER_VISIT;
		CodeableConcept c = r.getServiceTypeFirstRep();
		for (AppointmentKind k : AppointmentKind.values()) {
			if (k.label().equalsIgnoreCase(c.getText())) return k;
			for (Coding coding : c.getCoding()) {
				if (k.label().equalsIgnoreCase(coding.getDisplay()) || k.name().equalsIgnoreCase(coding.getCode())) return k;
			}
		}
		throw new UnprocessableEntityException("Appointment.serviceType: Caremap knows Provider visit, Procedure or surgery, "
				+ "Test and Community service.");
	}

	static Appointment toFhir(AppointmentView a) {
		Appointment r = new Appointment();
		r.setId(a.id().toString());
		r.getMeta().setLastUpdated(Date.from(a.updatedAt()));
		r.setStatus(switch (a.status()) {
			case PROPOSED -> AppointmentStatus.PROPOSED;
			case BOOKED -> AppointmentStatus.BOOKED;
			case ARRIVED -> AppointmentStatus.ARRIVED;
			case NO_SHOW -> AppointmentStatus.NOSHOW;
			case CANCELLED, RESCHEDULED -> AppointmentStatus.CANCELLED;
		});
		if (a.status() == org.caremap.appointment.AppointmentStatus.RESCHEDULED) {
			r.setCancelationReason(new CodeableConcept().setText(RESCHEDULED));
		}
		else if (a.status() == org.caremap.appointment.AppointmentStatus.CANCELLED && a.statusNote() != null) {
			r.setCancelationReason(new CodeableConcept().setText(a.statusNote()));
		}
		r.addServiceType(new CodeableConcept().setText(a.kind().label()));
		r.setAppointmentType(new CodeableConcept(new Coding(APPOINTMENT_TYPE, "ROUTINE", "Routine appointment - default if not valued")));
		if (a.reason() != null) r.addReasonCode(new CodeableConcept().setText(a.reason()));
		r.setDescription(a.kind().label() + (a.who().isEmpty() ? "" : " with " + a.who()));
		r.setStart(Date.from(a.start()));
		r.setEnd(Date.from(a.end()));
		r.setMinutesDuration((int) a.minutes());
		r.setCreated(Date.from(a.createdAt()));
		String instruction = instruction(a);
		if (instruction != null) r.setPatientInstruction(instruction);
		ParticipationStatus taking = a.status() == org.caremap.appointment.AppointmentStatus.PROPOSED
				? ParticipationStatus.NEEDSACTION : ParticipationStatus.ACCEPTED;
		r.addParticipant().setActor(new Reference("Patient/" + a.patient().value())).setRequired(ParticipantRequired.REQUIRED)
			.setStatus(taking);
		if (!a.who().isEmpty()) {
			r.addParticipant().setActor(new Reference().setDisplay(a.who())).setRequired(ParticipantRequired.REQUIRED)
				.setStatus(taking);
		}
		if (!a.where().isEmpty()) {
			r.addParticipant().setActor(new Reference().setType("Location").setDisplay(a.where()))
				.setRequired(ParticipantRequired.INFORMATIONONLY).setStatus(ParticipationStatus.ACCEPTED);
		}
		return r;
	}

	private static @Nullable String instruction(AppointmentView a) {
		StringBuilder s = new StringBuilder();
		if (a.transportNeeded()) {
			s.append(a.transportArranged() ? "Transport is arranged." : "Transport is needed and not yet arranged.");
			if (a.transportNote() != null) s.append(' ').append(a.transportNote());
		}
		if (a.interpreterNeeded()) {
			if (s.length() > 0) s.append(' ');
			s.append("An interpreter is needed").append(a.interpreterLanguage() == null ? "." : " (" + a.interpreterLanguage() + ").");
		}
		return s.length() == 0 ? null : s.toString();
	}
}
