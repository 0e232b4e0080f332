package org.caremap.team;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.springframework.security.core.userdetails.UserDetailsService;

/** A fresh patient on Dana's caseload (Complex care) with Dr. Okafor on the case team, and accounts for the tests. */
final class TeamFixtures {

	record Case(PatientId patient, CaseId caseId, String family) {
	}

	private TeamFixtures() {
	}

	static Case patientOfDana(Programs programs, PatientRegistry patients, Organizations organizations, UserAccounts accounts,
			Cases cases, UserDetailsService users, String family) {
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		var okafor = accounts.findByUsername("careteam").orElseThrow().id();
		CaseId caseId = new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				Today.date(), new Consent(Today.date(), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true),
				Acuity.MODERATE, "team walk")));
		new Actors(users).run("casemanager", () -> cases.addTeamMember(caseId, okafor, "Primary care physician", Today.date(), null));
		return new Case(patient, caseId, family);
	}

	/** A care team account for someone outside the organisation, with an e-mail address. */
	static UserView outsideAccount(UserAccounts accounts, String name, String password) {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("outside." + suffix, name,
				"outside." + suffix + "@pharmacy.example", Set.of(Role.CARE_TEAM), password, false)));
	}
}
