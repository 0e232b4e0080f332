package org.caremap.appointment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;

/** A fresh patient in the demo case manager Dana's caseload (an open case), with a phone and an e-mail address. */
final class AppointmentFixtures {

	private AppointmentFixtures() {
	}

	static PatientId enrolledPatient(Actors actors, PatientRegistry patients, Organizations organizations, Programs programs,
			Cases cases, UserAccounts accounts, String family, String email) {
		return enrolledPatient(actors, patients, organizations, programs, cases, accounts, family, email, "en");
	}

	/** An enrolled patient who prefers this language (en, es...). */
	static PatientId enrolledPatient(Actors actors, PatientRegistry patients, Organizations organizations, Programs programs,
			Cases cases, UserAccounts accounts, String family, String email, String language) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		PatientId patient = SystemActor.call("test", List.of("SYSTEM"), () -> patients.register(new NewPatient(
				organizations.primary().orElseThrow().id(), family, "Rosa", null, LocalDate.of(1948, 3, 9), Sex.FEMALE,
				"(614) 555-0142", email, "12 Elm St", "Columbus", "OH", "43215", language,
				List.of(new PatientIdentifier(IdentifierType.MR, "urn:test:mrn", "A-" + unique, "Test Hospital")),
				List.of(new CodedCondition("I50.9", "Heart failure, unspecified", null)))));
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Priya Raman", true, true, true, true), Acuity.HIGH,
				"heart failure")));
		return patient;
	}

	static NewAppointment visit(PatientId patient, Instant start, boolean booked) {
		return new NewAppointment(patient, AppointmentKind.PROVIDER_VISIT, "Dr. Maria Alvarez", "Riverside Primary Care",
				"Suite 2", "400 Main St, Columbus", start, start.plusSeconds(1800), "Heart failure review", true, true,
				"Van at 8:30", false, null, booked);
	}
}
