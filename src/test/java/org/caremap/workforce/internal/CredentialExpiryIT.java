package org.caremap.workforce.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.workforce.CredentialKind;
import org.caremap.workforce.Credentials;
import org.caremap.workforce.NewCredential;
import org.caremap.workforce.Refusal;
import org.caremap.workforce.Standing;
import org.caremap.workforce.TeamMemberStanding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A case manager's licence on a clock the test sets (the reminder job takes the day it runs on): reminded 60 and 30
 * days before it expires, each once however often the job runs, to her and to her supervisor; once expired, no new
 * case goes to her (the reason names the licence and the day), until her supervisor records the renewal.
 */
class CredentialExpiryIT extends IntegrationTest {

	@Autowired Credentials credentials;
	@Autowired CredentialReminders reminders;
	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Cases cases;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	private org.caremap.support.Browserless signedIn(UserView who) {
		org.caremap.support.Browserless b = client();
		assertThat(org.caremap.support.Browserless.location(b.login(who.username(), PASSWORD))).doesNotContain("error");
		return b;
	}

	private record Fixture(UserView supervisor, UserView manager, UserView other, ProgramView program, String suffix) {
	}

	private Fixture fixture() {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		UserView supervisor = user("cred.sup." + suffix, "Sasha Brandt " + suffix, Role.SUPERVISOR);
		UserView manager = user("cred.cm." + suffix, "Carmen Ortiz " + suffix, Role.CASE_MANAGER);
		UserView other = user("cred.cm2." + suffix, "Omar Haddad " + suffix, Role.CASE_MANAGER);
		SystemActor.run("test", List.of("ADMIN"), () -> organizations.createTeam(org.id(), "Credentials team " + suffix,
				supervisor.id(), List.of(manager.id(), other.id())));
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Credentials " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(supervisor.id())));
		return new Fixture(supervisor, manager, other, program, suffix);
	}

	private UserView user(String username, String name, Role role) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, name,
				username + "@example.org", Set.of(role), PASSWORD, false)));
	}

	private CaseId enrol(Fixture f, UserView manager, String family) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family + f.suffix());
		LocalDate today = Today.date();
		return new Actors(users).as(f.supervisor().username(), () -> cases.enrol(new Enrolment(patient, f.program().id(), null,
				manager.id(), today, new Consent(today, ConsentMethod.VERBAL, "Sasha", true, true, true, true), Acuity.MODERATE,
				"credentials test")));
	}

	private long reminders(UUID subject, int threshold) {
		return jdbc.sql("select count(*) from workforce_reminder where subject = ? and threshold = ?")
			.params(subject, threshold).query(Long.class).single();
	}

	private long notified(UserView who, UUID subject) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and dedup_key like ?")
			.params(who.id().value(), "credential:" + subject + ":%").query(Long.class).single();
	}

	@Test
	void remindersGoOutOnceAt60And30DaysAndAnExpiredLicenceBlocksNewCasesUntilRenewed() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		LocalDate expires = Today.date().plusDays(100);
		// she records her own licence
		UUID licence = actors.as(f.manager().username(), () -> credentials.add(f.manager().id(),
				new NewCredential(CredentialKind.LICENCE, "RN", "OH", "RN.123456", expires)));
		List<UserView> staff = List.of(f.manager());

		// 61 days before: nothing yet
		assertThat(reminders.remind(expires.minusDays(61), staff)).isZero();
		// 60 days before: the first reminder; the job runs again that day and later that month: nothing more
		assertThat(reminders.remind(expires.minusDays(60), staff)).isEqualTo(1);
		assertThat(reminders.remind(expires.minusDays(60), staff)).isZero();
		assertThat(reminders.remind(expires.minusDays(45), staff)).isZero();
		assertThat(reminders(licence, 60)).isEqualTo(1);
		assertThat(reminders(licence, 30)).isZero();
		// 30 days before: the second, once
		assertThat(reminders.remind(expires.minusDays(30), staff)).isEqualTo(1);
		assertThat(reminders.remind(expires.minusDays(30), staff)).isZero();
		assertThat(reminders.remind(expires.minusDays(2), staff)).isZero();
		assertThat(reminders(licence, 30)).isEqualTo(1);
		// the notification module told her and her supervisor, each reminder once, in the application and by e-mail
		Eventually.until("both reminders reach her and her supervisor",
				() -> notified(f.manager(), licence) == 2 && notified(f.supervisor(), licence) == 2);
		assertThat(notified(f.other(), licence)).isZero();
		List<String> titles = jdbc.sql("select title from notification where recipient_id = ? and dedup_key like ? order by title")
			.params(f.supervisor().id().value(), "credential:" + licence + ":%").query(String.class).list();
		assertThat(titles).allSatisfy(t -> assertThat(t).startsWith(f.manager().displayName() + ": RN (OH) licence runs out on"));
		Eventually.until("the e-mails are queued", () -> jdbc.sql("select count(*) from email_outbox where recipient = ? and subject like ?")
			.params(f.manager().email(), "Your RN (OH) licence runs out on%").query(Long.class).single() == 2);

		// the clock moved past the expiry: she may not take a case that day
		Refusal refusal = credentials.mayTakeNewCases(f.manager().id(), expires.plusDays(1)).orElseThrow();
		assertThat(refusal.code()).isEqualTo("workforce.licence-expired");
		assertThat(refusal.arguments()).containsExactly(f.manager().displayName(), "RN (OH)", expires);
		assertThat(credentials.mayTakeNewCases(f.manager().id(), expires)).as("valid through its expiry day").isEmpty();

		// today, while valid: a case goes to her
		CaseId first = enrol(f, f.manager(), "Valid");
		assertThat(first).isNotNull();
		// her supervisor records that it expired yesterday (as if the day had come): no new case, and the reason says why
		int version = jdbc.sql("select version from workforce_credential where id = ?").param(licence).query(Integer.class).single();
		LocalDate yesterday = Today.date().minusDays(1);
		actors.run(f.supervisor().username(), () -> credentials.change(licence, version,
				new NewCredential(CredentialKind.LICENCE, "RN", "OH", "RN.123456", yesterday)));
		assertThatThrownBy(() -> enrol(f, f.manager(), "Blocked"))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.code()).isEqualTo("workforce.licence-expired");
				assertThat(ex.arguments()).containsExactly(f.manager().displayName(), "RN (OH)", yesterday);
			});
		// nor by reassignment
		CaseId others = enrol(f, f.other(), "Moved");
		assertThatThrownBy(() -> actors.as(f.supervisor().username(), () -> cases.reassign(List.of(others), f.manager().id(), "cover")))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("workforce.licence-expired"));
		assertThat(credentials.mayNotTakeNewCases(List.of(f.manager().id(), f.other().id()), Today.date()))
			.containsExactly(f.manager().id());
		// her supervisor's team view says so, with her name
		List<TeamMemberStanding> team = actors.as(f.supervisor().username(), () -> credentials.team());
		assertThat(team).extracting(TeamMemberStanding::name).containsExactlyInAnyOrder(f.manager().displayName(), f.other().displayName());
		TeamMemberStanding hers = team.stream().filter(r -> r.user().equals(f.manager().id())).findFirst().orElseThrow();
		assertThat(hers.standing()).isEqualTo(Standing.EXPIRED);
		assertThat(hers.expired()).isEqualTo(1);
		assertThat(hers.mayTakeCases()).isFalse();

		// she renews it, as a new licence of the same type and state: the old one is superseded and cases come again
		actors.run(f.manager().username(), () -> credentials.add(f.manager().id(),
				new NewCredential(CredentialKind.LICENCE, "rn", "oh", "RN.123456", Today.date().plusYears(2))));
		assertThat(credentials.mayTakeNewCases(f.manager().id(), Today.date())).isEmpty();
		assertThat(enrol(f, f.manager(), "Renewed")).isNotNull();
		assertThat(actors.as(f.supervisor().username(), () -> cases.reassign(List.of(others), f.manager().id(), "cover"))).isEqualTo(1);
	}

	@Test
	void aPersonWhoMustHoldALicenceTakesNoCaseWithoutOne() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		actors.run(f.supervisor().username(), () -> credentials.requireLicence(f.other().id(), true));
		assertThatThrownBy(() -> enrol(f, f.other(), "Unlicensed"))
			.isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.code()).isEqualTo("workforce.licence-missing");
				assertThat(ex.arguments()).containsExactly(f.other().displayName());
			});
		// a certification is not a licence
		actors.run(f.other().username(), () -> credentials.add(f.other().id(),
				new NewCredential(CredentialKind.CERTIFICATION, "CCM", null, null, Today.date().plusYears(1))));
		assertThat(credentials.mayTakeNewCases(f.other().id(), Today.date())).map(Refusal::code).contains("workforce.licence-missing");
		actors.run(f.supervisor().username(), () -> credentials.add(f.other().id(),
				new NewCredential(CredentialKind.LICENCE, "LCSW", "OH", "LCSW.9", Today.date().plusYears(1))));
		assertThat(enrol(f, f.other(), "Licensed")).isNotNull();
	}

	@Test
	void aRequiredTrainingFallsDueItsPeriodAfterItWasCompletedAndIsRemindedOnce() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		UUID training = SystemActor.call("test", List.of("ADMIN"), () -> credentials.defineTraining(
				"Motivational interviewing " + f.suffix(), 6, Role.CASE_MANAGER));
		try {
			LocalDate completed = Today.date().minusMonths(1);
			actors.run(f.manager().username(), () -> credentials.recordTraining(f.manager().id(), training, completed));
			var mine = actors.as(f.manager().username(), () -> credentials.of(f.manager().id()));
			var status = mine.trainings().stream().filter(t -> t.training().id().equals(training)).findFirst().orElseThrow();
			assertThat(status.dueOn()).isEqualTo(completed.plusMonths(6));
			assertThat(status.standing()).isEqualTo(Standing.VALID);
			// the supervisor is not on a training's list (it is for case managers); the other case manager never took it
			var his = actors.as(f.supervisor().username(), () -> credentials.of(f.other().id()));
			assertThat(his.trainings().stream().filter(t -> t.training().id().equals(training)).findFirst().orElseThrow().standing())
				.isEqualTo(Standing.TRAINING_OVERDUE);
			LocalDate due = completed.plusMonths(6);
			List<UserView> staff = List.of(f.manager());
			assertThat(reminders.remind(due.minusDays(20), staff)).isEqualTo(1);
			assertThat(reminders.remind(due.minusDays(20), staff)).isZero();
			assertThat(reminders(training, 30)).isEqualTo(1);
			assertThat(reminders(training, 60)).as("first seen within 30 days: the 30-day reminder only").isZero();
			// a training completed in the future is refused
			assertThatThrownBy(() -> actors.run(f.manager().username(), () -> credentials.recordTraining(f.manager().id(), training,
					Today.date().plusDays(3))))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("workforce.completed-in-future"));
		}
		finally {
			SystemActor.run("test", List.of("ADMIN"), () -> credentials.retireTraining(training));
		}
	}

	@Test
	void credentialsAreForThePersonTheirSupervisorAndAdministrators() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		UUID licence = actors.as(f.manager().username(), () -> credentials.add(f.manager().id(),
				new NewCredential(CredentialKind.LICENCE, "LMSW", "OH", null, Today.date().plusYears(1))));
		// a colleague may not read hers nor add to them
		assertThatThrownBy(() -> actors.as(f.other().username(), () -> credentials.of(f.manager().id())))
			.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.as(f.other().username(), () -> credentials.add(f.manager().id(),
				new NewCredential(CredentialKind.LICENCE, "RN", "OH", null, Today.date().plusYears(1)))))
			.isInstanceOf(AccessDeniedException.class);
		// she may not renew or void her own (her supervisor does)
		assertThatThrownBy(() -> actors.run(f.manager().username(), () -> credentials.voidCredential(licence, "mine")))
			.isInstanceOf(AccessDeniedException.class);
		// a supervisor of another team may not read hers
		UserView stranger = user("cred.sup2." + f.suffix(), "Other Supervisor " + f.suffix(), Role.SUPERVISOR);
		assertThatThrownBy(() -> actors.as(stranger.username(), () -> credentials.of(f.manager().id())))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(actors.as(stranger.username(), () -> credentials.team())).isEmpty();
		// her supervisor voids it with a reason
		actors.run(f.supervisor().username(), () -> credentials.voidCredential(licence, "recorded twice"));
		assertThat(actors.as(f.manager().username(), () -> credentials.of(f.manager().id())).credentials()).isEmpty();
		// a case manager has no team view; only an administrator defines trainings
		assertThatThrownBy(() -> actors.as(f.manager().username(), () -> credentials.team())).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> actors.as(f.supervisor().username(), () -> credentials.defineTraining("X " + f.suffix(), 12, null)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void onThePagesTheReassignmentSaysWhyNotAndTheSupervisorRenewsTheLicence() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		LocalDate lapsed = Today.date().minusDays(3);
		UUID licence = actors.as(f.supervisor().username(), () -> credentials.add(f.manager().id(),
				new NewCredential(CredentialKind.LICENCE, "LMSW", "OH", "M.77", lapsed)));
		CaseId moving = enrol(f, f.other(), "Paged");
		var supervisor = signedIn(f.supervisor());
		supervisor.get("/caseload/team?manager=" + f.other().id());
		var refused = supervisor.post("/caseload/reassign", java.util.Map.of("case", moving.value().toString(),
				"to", f.manager().id().toString(), "reason", "cover", "from", f.other().id().toString()));
		assertThat(refused.statusCode()).isEqualTo(302);
		String page = supervisor.get(org.caremap.support.Browserless.location(refused).replaceFirst("^https?://[^/]+", "")).body();
		assertThat(page).contains(f.manager().displayName() + " cannot take new cases: their LMSW (OH) licence expired on");
		// her page says so too; a colleague may not open it
		assertThat(supervisor.get("/credentials/staff/" + f.manager().id()).body()).contains("cannot take new cases");
		assertThat(signedIn(f.other()).get("/credentials/staff/" + f.manager().id()).statusCode()).isEqualTo(403);
		// the supervisor renews it on the page
		var renewed = supervisor.post("/credentials/entries/" + licence, java.util.Map.of("user", f.manager().id().toString(),
				"version", "0", "kind", "LICENCE", "type", "LMSW", "state", "OH", "number", "M.77",
				"expiresOn", Today.date().plusYears(2).toString()));
		assertThat(org.caremap.support.Browserless.location(renewed)).endsWith("/credentials/staff/" + f.manager().id());
		assertThat(credentials.mayTakeNewCases(f.manager().id(), Today.date())).isEmpty();
		supervisor.get("/caseload/team?manager=" + f.other().id());
		var moved = supervisor.post("/caseload/reassign", java.util.Map.of("case", moving.value().toString(),
				"to", f.manager().id().toString(), "reason", "cover", "from", f.other().id().toString()));
		assertThat(moved.statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select case_manager_id from care_case where id = ?").param(moving.value()).query(UUID.class).single())
			.isEqualTo(f.manager().id().value());
	}
}
