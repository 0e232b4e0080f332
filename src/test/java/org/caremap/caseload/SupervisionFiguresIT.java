package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The supervision figures on known data: a case manager with four cases begun 100 days ago in a program with a 30-day
 * cadence (one reached 10 days ago, one reached 45 days ago and tried without answer since, one never reached, one on
 * hold) and open work two items past due and one not yet (besides the cadence's follow-ups); a colleague with one new case and one overdue item. Overdue work
 * counts open tasks the person owns past due; "beyond cadence" counts active cases whose last reached contact (or
 * start, never reached) is older than the program's cadence; the longest gap is in days.
 */
class SupervisionFiguresIT extends IntegrationTest {

	@Autowired Supervision supervision;
	@Autowired Cases cases;
	@Autowired Contacts contacts;
	@Autowired Tasks tasks;
	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired UserDetailsService users;

	private UserView user(String username, String name, Role role) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, name,
				username + "@example.org", Set.of(role), "pw-" + UUID.randomUUID(), false)));
	}

	@Test
	void overdueWorkAndTimeSinceLastContactAreCountedFromKnownData() {
		String s = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		ZoneId zone = organizations.zone();
		UserView supervisor = user("fig.sup." + s, "Fay Moss " + s, Role.SUPERVISOR);
		UserView ana = user("fig.cm." + s, "Ana Vidal " + s, Role.CASE_MANAGER);
		UserView ben = user("fig.cm2." + s, "Ben Ito " + s, Role.CASE_MANAGER);
		SystemActor.run("test", List.of("ADMIN"), () -> organizations.createTeam(org.id(), "Figures team " + s,
				supervisor.id(), List.of(ana.id(), ben.id())));
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Figures " + s, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(supervisor.id())));
		Actors actors = new Actors(users);
		LocalDate today = Today.date();
		LocalDate start = today.minusDays(100);
		CaseId[] ids = new CaseId[4];
		PatientId[] people = new PatientId[4];
		for (int i = 0; i < 4; i++) {
			PatientId patient = Actors.newPatient(patients, org.id(), "Figure" + i + s);
			people[i] = patient;
			ids[i] = actors.as(supervisor.username(), () -> cases.enrol(new Enrolment(patient, program.id(), null, ana.id(),
					start, new Consent(start, ConsentMethod.VERBAL, "Fay", true, true, true, true), Acuity.MODERATE, "figures")));
		}
		actors.run(supervisor.username(), () -> cases.hold(ids[3], "in hospital", null));
		reached(actors, ana, people[0], ids[0], today.minusDays(10), ContactKinds.Outcome.REACHED);
		reached(actors, ana, people[1], ids[1], today.minusDays(45), ContactKinds.Outcome.REACHED);
		reached(actors, ana, people[1], ids[1], today.minusDays(2), ContactKinds.Outcome.NO_ANSWER);
		Instant now = Instant.now();
		work(people[0], ids[0], ana.id(), now.minus(Duration.ofDays(3)));
		work(people[1], ids[1], ana.id(), now.minus(Duration.ofHours(2)));
		work(people[2], ids[2], ana.id(), now.plus(Duration.ofDays(1)));
		PatientId bens = Actors.newPatient(patients, org.id(), "FigureBen" + s);
		CaseId bensCase = actors.as(supervisor.username(), () -> cases.enrol(new Enrolment(bens, program.id(), null, ben.id(),
				today, new Consent(today, ConsentMethod.VERBAL, "Fay", true, true, true, true), Acuity.LOW, "figures")));
		work(bens, bensCase, ben.id(), now.minus(Duration.ofDays(1)));

		SupervisionView view = actors.as(supervisor.username(), () -> supervision.view());
		Map<UserId, TeamMemberLoad> team = view.team().stream().collect(Collectors.toMap(TeamMemberLoad::user, t -> t));
		assertThat(team.keySet()).containsExactlyInAnyOrder(ana.id(), ben.id());
		TeamMemberLoad a = team.get(ana.id());
		assertThat(a.name()).isEqualTo(ana.displayName());
		assertThat(a.cases()).isEqualTo(4);
		assertThat(a.weight()).isEqualTo(8);
		// the two items past due, and the cadence's follow-up of the case reached 45 days ago (due 30 days after that
		// contact, so 15 days ago); the follow-up after the contact 10 days ago is not due yet
		assertThat(a.overdue()).isEqualTo(3);
		assertThat(a.beyondCadence()).as("45 days and never reached; the one on hold not counted").isEqualTo(2);
		assertThat(a.longestWithoutContact()).isEqualTo(100);
		assertThat(a.oldestContact()).isEqualTo(start);
		TeamMemberLoad b = team.get(ben.id());
		assertThat(b.cases()).isEqualTo(1);
		assertThat(b.overdue()).isEqualTo(1);
		assertThat(b.beyondCadence()).isZero();
		assertThat(b.longestWithoutContact()).isZero();
		assertThat(b.oldestContact()).as("begun today, not reached yet").isEqualTo(today);
		assertThat(view.suggestions()).as("nobody over the default target").isEmpty();
	}

	private void reached(Actors actors, UserView who, PatientId patient, CaseId caseId, LocalDate on,
			ContactKinds.Outcome outcome) {
		Instant at = on.atTime(12, 0).atZone(organizations.zone()).toInstant();
		actors.run(who.username(), () -> contacts.log(new NewContact(patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, outcome, at, 10,
				ContactKinds.StaffKind.CLINICAL_STAFF, "check-in", List.of())));
	}

	private void work(PatientId patient, CaseId caseId, UserId owner, Instant due) {
		SystemActor.run("test-work", List.of("SYSTEM"), () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Follow up", null, owner, null, TaskPriority.ROUTINE, null, due, "supervision-test:" + UUID.randomUUID())));
	}
}
