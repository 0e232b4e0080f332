package org.caremap.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.workforce.Credentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The suggested rebalancing on generated data: a giver over target in two supervised programs (and with a case in a
 * program of another supervisor, never offered), a receiver on the team with a small target, a receiver off the team
 * who works in one program only, and one whose missing licence keeps new cases from him. Suggestions go in-program
 * and within target; applying the ticked ones with one reason moves exactly those; a stale or over-target tick, a
 * missing reason or nothing ticked refuses everything with a field error. Capacity targets are kept with who and when.
 */
class SupervisionIT extends IntegrationTest {

	@Autowired Supervision supervision;
	@Autowired Cases cases;
	@Autowired Credentials credentials;
	@Autowired UserAccounts accounts;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	record Fixture(String suffix, UserView supervisor, UserView giver, UserView small, UserView blocked, UserView outside,
			ProgramView program, ProgramView second, ProgramView others, Map<CaseId, Acuity> giverCases,
			Map<CaseId, String> names, CaseId inSecond, CaseId inOthers) {
	}

	private UserView user(String username, String name, Role role) {
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser(username, name,
				username + "@example.org", Set.of(role), PASSWORD, false)));
	}

	private ProgramView program(OrganizationView org, String name, UserView supervisor) {
		ProgramView p = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				name, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(p.id(), Set.of(supervisor.id())));
		return p;
	}

	private CaseId enrol(UserView supervisor, ProgramView program, UserView manager, String family, Acuity acuity,
			Map<CaseId, String> names) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		LocalDate today = Today.date();
		CaseId id = new Actors(users).as(supervisor.username(), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				manager.id(), today, new Consent(today, ConsentMethod.VERBAL, "Sam", true, true, true, true), acuity,
				"supervision test")));
		names.put(id, family);
		return id;
	}

	private Fixture fixture() {
		String s = UUID.randomUUID().toString().substring(0, 6);
		OrganizationView org = organizations.primary().orElseThrow();
		UserView supervisor = user("sup.sup." + s, "Sofia Lund " + s, Role.SUPERVISOR);
		UserView otherSupervisor = user("sup.sup2." + s, "Otto Kern " + s, Role.SUPERVISOR);
		UserView giver = user("sup.giver." + s, "Gina Park " + s, Role.CASE_MANAGER);
		UserView small = user("sup.small." + s, "Sam Roy " + s, Role.CASE_MANAGER);
		UserView blocked = user("sup.blocked." + s, "Bo Frey " + s, Role.CASE_MANAGER);
		UserView outside = user("sup.outside." + s, "Olga Diaz " + s, Role.CASE_MANAGER);
		UserView stranger = user("sup.stranger." + s, "Stu Lee " + s, Role.CASE_MANAGER);
		SystemActor.run("test", List.of("ADMIN"), () -> organizations.createTeam(org.id(), "Supervision team " + s,
				supervisor.id(), List.of(giver.id(), small.id(), blocked.id(), outside.id())));
		ProgramView program = program(org, "Supervision A " + s, supervisor);
		ProgramView second = program(org, "Supervision B " + s, supervisor);
		ProgramView others = program(org, "Supervision C " + s, otherSupervisor);
		Map<CaseId, Acuity> giverCases = new java.util.LinkedHashMap<>();
		Map<CaseId, String> names = new java.util.HashMap<>();
		// Gina: 3 low, 2 moderate, 2 high, 1 complex in A (17) and 1 low in B: 18 points
		Acuity[] mix = { Acuity.LOW, Acuity.LOW, Acuity.LOW, Acuity.MODERATE, Acuity.MODERATE, Acuity.HIGH, Acuity.HIGH,
				Acuity.COMPLEX };
		for (int i = 0; i < mix.length; i++) {
			giverCases.put(enrol(supervisor, program, giver, "Rebal" + i + s, mix[i], names), mix[i]);
		}
		CaseId inSecond = enrol(supervisor, second, giver, "Second" + s, Acuity.LOW, names);
		giverCases.put(inSecond, Acuity.LOW);
		// Olga works in B only (one case); Stu, not on the team, holds a case in A; a case of Gina's in C is another
		// supervisor's
		enrol(supervisor, second, outside, "Olgas" + s, Acuity.LOW, names);
		enrol(supervisor, program, stranger, "Strangers" + s, Acuity.LOW, names);
		CaseId inOthers = enrol(otherSupervisor, others, giver, "Others" + s, Acuity.LOW, names);
		Actors actors = new Actors(users);
		actors.run(supervisor.username(), () -> credentials.requireLicence(blocked.id(), true));
		actors.run(supervisor.username(), () -> supervision.setCapacity(giver.id(), 10, "part time"));
		actors.run(supervisor.username(), () -> supervision.setCapacity(small.id(), 4, "new starter"));
		actors.run(supervisor.username(), () -> supervision.setCapacity(outside.id(), 2, "mostly on intake"));
		return new Fixture(s, supervisor, giver, small, blocked, outside, program, second, others, giverCases, names,
				inSecond, inOthers);
	}

	private Browserless signedIn(UserView who) {
		Browserless b = client();
		assertThat(Browserless.location(b.login(who.username(), PASSWORD))).doesNotContain("error");
		return b;
	}

	private UserId managerOf(CaseId id) {
		return new UserId(jdbc.sql("select case_manager_id from care_case where id = ?").param(id.value())
			.query(UUID.class).single());
	}

	private static String key(SuggestedMove m) {
		return m.caseId() + ":" + m.from() + ":" + m.to();
	}

	private static String body(List<String> moves, String reason) {
		List<String> parts = new ArrayList<>();
		moves.forEach(m -> parts.add("move=" + URLEncoder.encode(m, StandardCharsets.UTF_8)));
		parts.add("reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8));
		return String.join("&", parts);
	}

	@Test
	void suggestionsStayInProgramWithinTargetAndApplyingMovesExactlyTheTickedCases() {
		Fixture f = fixture();
		Actors actors = new Actors(users);
		SupervisionView view = actors.as(f.supervisor().username(), () -> supervision.view());

		// the team: the four on it, not Stu (his case in A notwithstanding); Gina's case in C is not counted
		Map<UserId, TeamMemberLoad> team = view.team().stream().collect(Collectors.toMap(TeamMemberLoad::user, t -> t));
		assertThat(team.keySet()).containsExactlyInAnyOrder(f.giver().id(), f.small().id(), f.blocked().id(), f.outside().id());
		TeamMemberLoad gina = team.get(f.giver().id());
		assertThat(gina.cases()).isEqualTo(9);
		assertThat(gina.weight()).isEqualTo(18);
		assertThat(gina.target()).isEqualTo(10);
		assertThat(gina.targetSet()).isTrue();
		assertThat(gina.targetNote()).isEqualTo("part time");
		assertThat(gina.targetSetBy()).isEqualTo(f.supervisor().displayName());
		assertThat(gina.percent()).isEqualTo(180);
		assertThat(team.get(f.blocked().id()).mayTakeNewCases()).isFalse();
		assertThat(team.get(f.outside().id()).target()).isEqualTo(2);
		assertThat(team.get(f.blocked().id()).target()).isEqualTo(view.defaultCapacity());
		assertThat(team.get(f.blocked().id()).targetSet()).isFalse();

		// Sam takes the three low cases of A (3 of 4; a moderate would take him to 5), Olga the low case of B (she works
		// there, which comes first; that fills her target of 2); nothing of C, nothing to Bo, nothing to Stu
		List<SuggestedMove> moves = view.suggestions();
		assertThat(moves).allMatch(m -> m.from().equals(f.giver().id()));
		assertThat(moves).noneMatch(m -> m.to().equals(f.blocked().id()));
		assertThat(moves).noneMatch(m -> m.caseId().equals(f.inOthers()));
		List<SuggestedMove> toSam = moves.stream().filter(m -> m.to().equals(f.small().id())).toList();
		List<SuggestedMove> toOlga = moves.stream().filter(m -> m.to().equals(f.outside().id())).toList();
		assertThat(toSam).hasSize(3).allMatch(m -> m.acuity() == Acuity.LOW && m.program().equals(f.program().id()));
		assertThat(toOlga).extracting(SuggestedMove::caseId).containsExactly(f.inSecond());
		assertThat(toOlga.get(0).receiverInProgram()).isTrue();
		assertThat(moves).hasSize(4);
		assertThat(toSam.stream().mapToInt(SuggestedMove::weight).sum()).isLessThanOrEqualTo(4);

		Browserless b = signedIn(f.supervisor());
		HttpResponse<String> page = b.get("/caseload/team/supervision");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(f.giver().displayName()).contains("180%").contains("Rebal0" + f.suffix())
			.doesNotContain(f.giver().username());

		// bad input refuses everything, at the field: nothing ticked, no reason, a tick that is not a move
		HttpResponse<String> none = b.postEncoded("/caseload/team/supervision/apply", body(List.of(), "balance"));
		assertThat(none.statusCode()).isEqualTo(200);
		assertThat(none.body()).contains("Tick at least one suggested move.");
		HttpResponse<String> noReason = b.postEncoded("/caseload/team/supervision/apply", body(List.of(key(toSam.get(0))), " "));
		assertThat(noReason.statusCode()).isEqualTo(200);
		assertThat(noReason.body()).contains("Say why the cases move");
		HttpResponse<String> garbage = b.postEncoded("/caseload/team/supervision/apply", body(List.of("x:y"), "balance"));
		assertThat(garbage.statusCode()).isEqualTo(200);
		assertThat(garbage.body()).contains("A ticked move is not one of the suggestions");
		assertThat(managerOf(toSam.get(0).caseId())).isEqualTo(f.giver().id());

		// two of Sam's three and Olga's, with one reason: exactly those move
		List<String> ticked = List.of(key(toSam.get(0)), key(toSam.get(1)), key(toOlga.get(0)));
		HttpResponse<String> applied = b.postEncoded("/caseload/team/supervision/apply", body(ticked, "Gina goes part time"));
		assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
		assertThat(managerOf(toSam.get(0).caseId())).isEqualTo(f.small().id());
		assertThat(managerOf(toSam.get(1).caseId())).isEqualTo(f.small().id());
		assertThat(managerOf(f.inSecond())).isEqualTo(f.outside().id());
		assertThat(managerOf(toSam.get(2).caseId())).isEqualTo(f.giver().id());
		for (CaseId id : f.giverCases().keySet()) {
			if (!Set.of(toSam.get(0).caseId(), toSam.get(1).caseId(), f.inSecond()).contains(id)) {
				assertThat(managerOf(id)).as("unticked %s", f.names().get(id)).isEqualTo(f.giver().id());
			}
		}
		Eventually.until("the reassignments are audited with the reason", () -> jdbc.sql(
				"select count(*) from audit_event where action = 'REASSIGN' and resource_id = any(?) and detail = ?")
			.params(new String[] { toSam.get(0).caseId().toString(), toSam.get(1).caseId().toString(), f.inSecond().toString() },
					"Gina goes part time")
			.query(Long.class).single() == 3);
		assertThat(jdbc.sql("select count(*) from care_relationship where user_id = ? and kind = 'CASE_MANAGER' and valid_to is null"
				+ " and patient_id = (select patient_id from care_case where id = ?)")
			.params(f.small().id().value(), toSam.get(0).caseId().value())
			.query(Long.class).single()).as("Sam now has the care relationship").isEqualTo(1);

		// a stale tick: the third low case moved meanwhile (to Sam by hand); with another still-valid tick, nothing moves
		SupervisionView again = actors.as(f.supervisor().username(), () -> supervision.view());
		assertThat(again.suggestions()).extracting(SuggestedMove::caseId).contains(toSam.get(2).caseId());
		SuggestedMove third = again.suggestions().stream().filter(m -> m.caseId().equals(toSam.get(2).caseId())).findFirst()
			.orElseThrow();
		actors.run(f.supervisor().username(), () -> cases.reassign(List.of(third.caseId()), f.outside().id(), "by hand"));
		CaseId moderate = f.giverCases().entrySet().stream().filter(e -> e.getValue() == Acuity.MODERATE)
			.map(Map.Entry::getKey).findFirst().orElseThrow();
		b.get("/caseload/team/supervision");
		HttpResponse<String> stale = b.postEncoded("/caseload/team/supervision/apply",
				body(List.of(key(third), moderate + ":" + f.giver().id() + ":" + f.outside().id()), "balance"));
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).contains("has meanwhile moved to someone else or closed, so nothing was applied")
			.contains("Rebal");
		assertThat(managerOf(moderate)).isEqualTo(f.giver().id());
		assertThat(managerOf(third.caseId())).isEqualTo(f.outside().id());

		// a tick that would push its receiver over target (Sam is at 2 of 4; a moderate and a high would take him to 7)
		CaseId high = f.giverCases().entrySet().stream().filter(e -> e.getValue() == Acuity.HIGH)
			.map(Map.Entry::getKey).findFirst().orElseThrow();
		HttpResponse<String> over = b.postEncoded("/caseload/team/supervision/apply", body(List.of(
				moderate + ":" + f.giver().id() + ":" + f.small().id(), high + ":" + f.giver().id() + ":" + f.small().id()),
				"balance"));
		assertThat(over.statusCode()).isEqualTo(200);
		assertThat(over.body()).contains("over the target of 4. Nothing was applied.");
		assertThat(managerOf(moderate)).isEqualTo(f.giver().id());
		assertThat(managerOf(high)).isEqualTo(f.giver().id());
		// to Bo, whose licence is missing: the workforce reason, nothing applied
		HttpResponse<String> toBo = b.postEncoded("/caseload/team/supervision/apply", body(List.of(
				moderate + ":" + f.giver().id() + ":" + f.blocked().id()), "balance"));
		assertThat(toBo.statusCode()).isEqualTo(200);
		assertThat(toBo.body()).contains(f.blocked().displayName() + " cannot take new cases");
		assertThat(managerOf(moderate)).isEqualTo(f.giver().id());
	}

	@Test
	void aCapacityTargetIsKeptWithWhoAndWhenAndBadInputIsAFieldError() {
		Fixture f = fixture();
		Browserless b = signedIn(f.supervisor());
		b.get("/caseload/team/supervision");
		String sam = f.small().id().toString();
		HttpResponse<String> zero = b.post("/caseload/team/supervision/capacity", Map.of("user", sam, "target", "0", "note", "x"));
		assertThat(zero.statusCode()).isEqualTo(200);
		assertThat(zero.body()).contains("The target is at least 1 point.");
		HttpResponse<String> word = b.post("/caseload/team/supervision/capacity", Map.of("user", sam, "target", "ten", "note", "x"));
		assertThat(word.statusCode()).isEqualTo(200);
		assertThat(word.body()).contains("Give the target as a whole number of points.");
		HttpResponse<String> noNote = b.post("/caseload/team/supervision/capacity", Map.of("user", sam, "target", "8", "note", " "));
		assertThat(noNote.statusCode()).isEqualTo(200);
		assertThat(noNote.body()).contains("Say why you set this target.");
		// someone not on the team and without a case in the supervisor's programs
		UserView stranger = user("sup.unknown." + f.suffix(), "Stan Gray " + f.suffix(), Role.CASE_MANAGER);
		HttpResponse<String> notMine = b.post("/caseload/team/supervision/capacity",
				Map.of("user", stranger.id().toString(), "target", "8", "note", "why not"));
		assertThat(notMine.statusCode()).isEqualTo(200);
		assertThat(notMine.body()).contains("That person is not a case manager of your team.");
		assertThat(jdbc.sql("select count(*) from caseload_capacity where user_id = ?").param(stranger.id().value())
			.query(Long.class).single()).isZero();

		HttpResponse<String> saved = b.post("/caseload/team/supervision/capacity", Map.of("user", sam, "target", "8", "note", "settled in"));
		assertThat(saved.statusCode()).isEqualTo(302);
		Map<String, Object> row = jdbc.sql("select target, note, set_by from caseload_capacity where user_id = ?")
			.param(f.small().id().value()).query().singleRow();
		assertThat(row).containsEntry("target", 8).containsEntry("note", "settled in").containsEntry("set_by", f.supervisor().username());
		assertThat(jdbc.sql("select previous, target from caseload_capacity_change where user_id = ? order by id")
			.param(f.small().id().value()).query((rs, n) -> rs.getObject(1) + "->" + rs.getInt(2)).list())
			.containsExactly("null->4", "4->8");
		Eventually.until("the change is audited", () -> jdbc.sql(
				"select count(*) from audit_event where resource_type = 'CaseloadCapacity' and resource_id = ? and actor = ?")
			.params(sam, f.supervisor().username()).query(Long.class).single() == 2);
		assertThat(b.get("/caseload/team/supervision").body()).contains("settled in").contains(f.supervisor().displayName());

		// a case manager may not open the page nor set a target
		Browserless cm = signedIn(f.small());
		assertThat(cm.get("/caseload/team/supervision").statusCode()).isEqualTo(403);
	}
}
