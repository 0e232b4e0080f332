package org.caremap.support;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.patient.SupportContact;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;

/** Patients made for portal tests: a fresh patient in a given language, with support-network contacts. */
public final class PortalFixtures {

	private PortalFixtures() {
	}

	/** A new patient nobody cares for yet, preferring this language ({@code en}, {@code es}). */
	public static PatientId patient(PatientRegistry registry, Organizations organizations, String family, String given,
			String language) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return SystemActor.call("test", List.of("SYSTEM"), () -> registry.register(new NewPatient(
				organizations.primary().orElseThrow().id(), family, given, null, LocalDate.of(1962, 3, 9), Sex.FEMALE,
				"(614) 555-0142", null, "5 Portal Way", "Columbus", "OH", "43215", language,
				List.of(new PatientIdentifier(IdentifierType.MR, "urn:test:mrn", "P-" + unique, "Test Hospital")),
				List.of(new CodedCondition("I10", "Essential (primary) hypertension", null)))));
	}

	/** Adds a contact to the patient's support network told this much; returns the contact's id. */
	public static UUID contact(PatientRegistry registry, PatientId patient, String name, SupportContact.Disclosure told) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> {
			registry.addContact(patient, new SupportContact(null, name, "Daughter", "(614) 555-0177", null, true, false, told));
			return registry.details(patient).orElseThrow().network().stream().filter(c -> c.name().equals(name))
				.findFirst().orElseThrow().id();
		});
	}

	/**
	 * A demo patient of the demo case manager ("casemanager") with an active care plan holding a goal (the plan with
	 * the most goals, so the choice is stable whatever other tests added).
	 */
	public static PatientId demoPatientWithPlan(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		return new PatientId(jdbc.sql("""
				select c.patient_id from care_case c
				join user_account u on u.id = c.case_manager_id
				join care_plan p on p.case_id = c.id and p.status = 'ACTIVE'
				join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				                         and jsonb_array_length(coalesce(v.content -> 'goals', '[]'::jsonb)) > 0
				where u.username = 'casemanager' and c.status = 'ACTIVE'
				order by c.patient_id limit 1""").query(UUID.class).single());
	}

	/** Books an appointment for the patient in a few days (as Caremap itself); returns its id. */
	public static UUID appointment(org.caremap.appointment.Appointments appointments, PatientId patient, String practitioner) {
		java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		return SystemActor.call("test", List.of("SYSTEM"), () -> appointments.record(new org.caremap.appointment.NewAppointment(
				patient, org.caremap.appointment.AppointmentKind.PROVIDER_VISIT, practitioner, "Riverside Clinic", "Room 4",
				"12 River Rd, Columbus, OH", start, start.plus(java.time.Duration.ofMinutes(30)), "Blood pressure check",
				false, false, null, false, null, true)));
	}
}
