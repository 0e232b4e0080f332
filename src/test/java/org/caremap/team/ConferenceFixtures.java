package org.caremap.team;

import java.time.LocalDate;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;

/**
 * What the conference tests stand on: a fresh patient on the demo case manager's (Dana Whitfield's) caseload in the
 * Complex care program, with the demo care team member (Dr. Samuel Okafor) on the case team.
 */
final class ConferenceFixtures {

	private ConferenceFixtures() {
	}

	record Patient(PatientId id, CaseId caseId, String family) {
	}

	static Patient patient(Actors actors, PatientRegistry patients, Organizations organizations, Programs programs, Cases cases,
			UserAccounts accounts, String family, Acuity acuity) {
		String name = family + UUID.randomUUID().toString().substring(0, 4).replaceAll("[0-9-]", "x");
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), name);
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		CaseId kase = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana, Today.date(),
				new Consent(Today.date(), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true), acuity,
				"conference test")));
		actors.run("casemanager", () -> cases.addTeamMember(kase, accounts.findByUsername("careteam").orElseThrow().id(),
				"Primary care physician", Today.date(), null));
		return new Patient(patient, kase, name);
	}
}
