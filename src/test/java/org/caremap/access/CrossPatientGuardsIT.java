package org.caremap.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.caremap.support.Today;
import org.caremap.caseload.CaseView;
import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.program.Programs;
import org.caremap.referral.NewReferral;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralSource;
import org.caremap.referral.Referrals;
import org.caremap.referral.Urgency;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Work on one patient or case cannot reach into another's, and nobody acts in a colleague's place. */
class CrossPatientGuardsIT extends IntegrationTest {

	@Autowired PatientAccess access;
	@Autowired Cases cases;
	@Autowired Contacts contacts;
	@Autowired Tasks tasks;
	@Autowired Referrals referrals;
	@Autowired Programs programs;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void aContactCannotNameAnotherPatientsCase() {
		Actors actors = new Actors(users);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		List<PatientId> mine = List.copyOf(access.patientsOf(dana));
		PatientId first = mine.get(0);
		CaseView otherCase = actors.as("casemanager", () -> cases.ofPatient(mine.get(1)).get(0));
		assertThatThrownBy(() -> actors.run("casemanager", () -> contacts.log(new NewContact(first, otherCase.id(),
				ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null,
				ContactKinds.Outcome.REACHED, Instant.now(), 5, ContactKinds.StaffKind.CLINICAL_STAFF, null, List.of()))))
			.isInstanceOf(DomainException.class).hasMessageContaining("not this patient's");
	}

	@Test
	void aTaskGoesOnlyToSomeoneWhoCaresForThePatient() {
		Actors actors = new Actors(users);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		UserId reviewer = accounts.findByUsername("reviewer").orElseThrow().id();
		// one of Dana's patients whose stay the reviewer does not review (the demo gives the reviewer some of them)
		PatientId patient = access.patientsOf(dana).stream().filter(p -> !access.canRead(reviewer, p)).findFirst()
			.orElseThrow();
		assertThatThrownBy(() -> actors.run("casemanager", () -> tasks.create(new NewTask(patient, null, TaskType.OTHER,
				"Look at this", null, reviewer, null, TaskPriority.ROUTINE, null, null, null))))
			.isInstanceOf(DomainException.class).hasMessageContaining("does not care for this patient");
	}

	@Test
	void aColleagueOnTheCaseTeamCannotCloseTheCase() {
		Actors actors = new Actors(users);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		UserId marcus = accounts.findByUsername("casemanager2").orElseThrow().id();
		PatientId patient = access.patientsOf(dana).stream().filter(p -> !access.patientsOf(marcus).contains(p))
			.findFirst().orElseThrow();
		CaseView theCase = actors.as("casemanager", () -> cases.ofPatient(patient).get(0));
		actors.run("casemanager", () -> cases.addTeamMember(theCase.id(), marcus, "Social worker", Today.date(), null));
		assertThatThrownBy(() -> actors.run("casemanager2", () -> cases.close(theCase.id(), "not mine", "none")))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(actors.as("casemanager", () -> cases.find(theCase.id()).orElseThrow().status().name())).isEqualTo("ACTIVE");
	}

	@Test
	void onlyTheScreenerOrASupervisorPutsAReferralBackInTheQueue() {
		Actors actors = new Actors(users);
		if (accounts.findByUsername("intake.three").isEmpty()) {
			SystemActor.run("test", List.of("ADMIN"), () -> accounts.create(new NewUser("intake.three", "Third Intake", null,
					Set.of(Role.INTAKE), "third-intake-password", false)));
		}
		PatientId patient = access.patientsOf(accounts.findByUsername("casemanager").orElseThrow().id()).iterator().next();
		ReferralId id = actors.as("intake", () -> referrals.receive(new NewReferral(patient, programs.active().get(3).id(),
				ReferralSource.SELF, null, null, "asks for help", Urgency.ROUTINE)));
		actors.run("intake", () -> referrals.claim(id));
		assertThatThrownBy(() -> actors.run("intake.three", () -> referrals.release(id, "taking over")))
			.isInstanceOf(AccessDeniedException.class);
		actors.run("supervisor", () -> referrals.release(id, "Rosa is off today"));
		assertThat(actors.as("intake", () -> referrals.find(id).orElseThrow().status().name())).isEqualTo("RECEIVED");
	}
}
