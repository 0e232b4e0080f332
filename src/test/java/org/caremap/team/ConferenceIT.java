package org.caremap.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.task.NewTask;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Case conferences over real HTTP, as the case manager, a colleague and a stranger use them: a conference with two
 * cases is planned (with field errors first), a decision with an owner becomes a task for another team member (once),
 * an owner who does not care for the patient is refused by the field; the discussion and the decision show on the
 * patient's timeline; signing locks the record (every later change answers 409 and changes nothing); a case manager
 * who does not care for the patients sees none of their content and is refused (and audited) when writing to it. A
 * program's weekly meeting, opened by its supervisor, gets an agenda of the flagged cases with their reasons.
 */
class ConferenceIT extends IntegrationTest {

	@Autowired DemoLogins demo;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired Tasks tasks;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private Browserless signedIn(String username) {
		Browserless b = client();
		HttpResponse<String> login = b.login(username, demo.password(username).orElseThrow());
		assertThat(Browserless.location(login)).as(username + " signs in").doesNotContain("error");
		return b;
	}

	private static String encode(List<Map.Entry<String, String>> fields) {
		return fields.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
	}

	private static UUID idFrom(HttpResponse<String> response) {
		String location = Browserless.location(response);
		String tail = location.substring(location.lastIndexOf('/') + 1);
		int hash = tail.indexOf('#');
		return UUID.fromString(hash < 0 ? tail : tail.substring(0, hash));
	}

	private long decisions(UUID conference) {
		return jdbc.sql("select count(*) from conference_decision where conference_id = ?").param(conference).query(Long.class).single();
	}

	@Test
	void aConferenceTurnsADecisionIntoATaskShowsOnTheTimelineLocksWhenSignedAndHidesCasesFromStrangers() {
		Actors actors = new Actors(users);
		var first = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Confer", Acuity.HIGH);
		var second = ConferenceFixtures.patient(actors, patients, organizations, programs, cases, accounts, "Discuss", Acuity.MODERATE);
		var okafor = accounts.findByUsername("careteam").orElseThrow().id();
		var marcus = accounts.findByUsername("casemanager2").orElseThrow().id();
		String tomorrow = Today.date().plusDays(1).toString();

		Browserless dana = signedIn("casemanager");
		HttpResponse<String> form = dana.get("/team/conferences/new");
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains(first.family()).contains(second.family()).contains("Dr. Samuel Okafor");

		// no title: the field says so, and what was typed stays
		HttpResponse<String> missing = dana.postEncoded("/team/conferences/new", encode(List.of(Map.entry("title", ""),
				Map.entry("date", tomorrow), Map.entry("time", "10:00"), Map.entry("guest1Name", "Dr. Anita Shah"))));
		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(missing.body()).contains("id=\"title-error\"").contains("value=\"Dr. Anita Shah\"");

		HttpResponse<String> planned = dana.postEncoded("/team/conferences/new", encode(List.of(
				Map.entry("title", "Complex care case review"), Map.entry("date", tomorrow), Map.entry("time", "10:00"),
				Map.entry("attendees", okafor.value().toString()), Map.entry("guest1Name", "Dr. Anita Shah"),
				Map.entry("guest1Role", "Primary care physician"), Map.entry("cases", first.caseId().value().toString()),
				Map.entry("cases", second.caseId().value().toString()))));
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(302);
		UUID conference = idFrom(planned);
		HttpResponse<String> page = dana.get("/team/conferences/" + conference);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(first.family()).contains(second.family()).contains("Dr. Anita Shah")
			.contains("Primary care physician").contains("Dr. Samuel Okafor");
		UUID item1 = jdbc.sql("select id from conference_case where conference_id = ? and case_id = ?")
			.params(conference, first.caseId().value()).query(UUID.class).single();
		UUID item2 = jdbc.sql("select id from conference_case where conference_id = ? and case_id = ?")
			.params(conference, second.caseId().value()).query(UUID.class).single();

		// an owner who does not care for the patient: refused by the field, nothing recorded
		HttpResponse<String> stranger = dana.post("/team/conferences/" + conference + "/cases/" + item1 + "/decisions", Map.of(
				"text", "Home visit this week", "owner", marcus.value().toString(), "dueOn", Today.date().plusDays(3).toString()));
		assertThat(stranger.statusCode()).isEqualTo(422);
		assertThat(stranger.body()).contains("Marcus Bell, LSW does not care for this patient").contains("Home visit this week");
		assertThat(decisions(conference)).isZero();
		HttpResponse<String> past = dana.post("/team/conferences/" + conference + "/cases/" + item1 + "/decisions", Map.of(
				"text", "Home visit this week", "owner", okafor.value().toString(), "dueOn", Today.date().minusDays(3).toString()));
		assertThat(past.statusCode()).isEqualTo(422);
		assertThat(past.body()).contains("The due date has passed");

		// the decision for Dr. Okafor becomes his task, once
		HttpResponse<String> decided = dana.post("/team/conferences/" + conference + "/cases/" + item1 + "/decisions", Map.of(
				"text", "Review the medicines with the patient at home", "owner", okafor.value().toString(), "dueOn",
				Today.date().plusDays(3).toString()));
		assertThat(decided.statusCode()).isEqualTo(302);
		UUID decision = jdbc.sql("select id from conference_decision where conference_id = ?").param(conference).query(UUID.class).single();
		UUID task = Eventually.value("the decision's task", () -> jdbc.sql("select id from task where source = ?")
			.param("decision:" + decision).query(UUID.class).optional().orElse(null), t -> t != null);
		Map<String, Object> made = jdbc.sql("select owner_user_id, patient_id, case_id, title, status from task where id = ?").param(task)
			.query((rs, n) -> {
				Map<String, Object> m = new LinkedHashMap<>();
				for (int i = 1; i <= 5; i++) m.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
				return m;
			}).single();
		assertThat(made).containsEntry("owner_user_id", okafor.value()).containsEntry("patient_id", first.id().value())
			.containsEntry("case_id", first.caseId().value()).containsEntry("title", "Review the medicines with the patient at home");
		assertThat(jdbc.sql("select count(*) from task where source = ?").param("decision:" + decision).query(Long.class).single()).isOne();
		assertThat(signedIn("careteam").get("/myday").body()).contains("Review the medicines with the patient at home");
		assertThat(dana.post("/team/conferences/" + conference + "/cases/" + item2 + "/notes",
				Map.of("notes", "Doing well; keep the monthly calls.")).statusCode()).isEqualTo(302);

		// the patient's timeline shows the discussion and the decision
		String timeline = dana.get("/patients/" + first.id().value() + "/timeline").body();
		assertThat(timeline).contains("To be discussed at &quot;Complex care case review&quot;")
			.contains("Review the medicines with the patient at home (task for Dr. Samuel Okafor");

		// a case manager who does not care for these patients sees no case content and may not write to it
		Browserless other = signedIn("casemanager2");
		HttpResponse<String> seen = other.get("/team/conferences/" + conference);
		assertThat(seen.statusCode()).isEqualTo(200);
		assertThat(seen.body()).doesNotContain(first.family()).doesNotContain(second.family()).doesNotContain("Doing well")
			.contains("2 more cases on the agenda are of patients whose records you cannot open");
		long deniedBefore = jdbc.sql("select count(*) from audit_event where actor = 'casemanager2' and outcome = 'DENIED'")
			.query(Long.class).single();
		HttpResponse<String> refused = other.post("/team/conferences/" + conference + "/cases/" + item2 + "/notes",
				Map.of("notes", "Not mine to write"));
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = 'casemanager2' and outcome = 'DENIED'").query(Long.class)
			.single()).isGreaterThan(deniedBefore);
		assertThat(jdbc.sql("select notes from conference_case where id = ?").param(item2).query(String.class).single())
			.isEqualTo("Doing well; keep the monthly calls.");
		assertThat(signedIn("intake").get("/team/conferences/" + conference).statusCode()).isEqualTo(403);
		// each case shown to Dana was audited as read, about its patient
		assertThat(jdbc.sql("select count(*) from audit_event where resource_type = 'Conference' and resource_id = ? and action = 'READ' and patient_id = ?")
			.params(conference.toString(), first.id().value()).query(Long.class).single()).isPositive();

		// signing locks it: every change answers 409 and changes nothing
		assertThat(dana.post("/team/conferences/" + conference + "/sign", Map.of()).statusCode()).isEqualTo(302);
		HttpResponse<String> signed = dana.get("/team/conferences/" + conference);
		assertThat(signed.body()).contains("Signed and locked").doesNotContain("id=\"sign-conference\"").doesNotContain("name=\"notes\"");
		Map<String, Map<String, String>> changes = new LinkedHashMap<>();
		changes.put("/cases/" + item1 + "/decisions", Map.of("text", "One more thing", "owner", okafor.value().toString(), "dueOn", tomorrow));
		changes.put("/cases/" + item2 + "/notes", Map.of("notes", "Changed after signing"));
		changes.put("/guests", Map.of("guestName", "Late Guest", "guestRole", "Pharmacist"));
		changes.put("/attendees", Map.of("user", marcus.value().toString()));
		changes.put("/sign", Map.of());
		changes.put("/cancel", Map.of("reason", "Too late"));
		for (var change : changes.entrySet()) {
			HttpResponse<String> answer = dana.post("/team/conferences/" + conference + change.getKey(), change.getValue());
			assertThat(answer.statusCode()).as(change.getKey()).isEqualTo(409);
			assertThat(answer.body()).as(change.getKey()).contains("The conference is signed: it takes no more changes.");
		}
		assertThat(decisions(conference)).isOne();
		assertThat(jdbc.sql("select notes from conference_case where id = ?").param(item2).query(String.class).single())
			.isEqualTo("Doing well; keep the monthly calls.");
		assertThat(jdbc.sql("select count(*) from conference_attendee where conference_id = ?").param(conference).query(Long.class).single())
			.isEqualTo(3);
		assertThat(dana.get("/patients/" + first.id().value() + "/timeline").body())
			.contains("Discussed at &quot;Complex care case review&quot; (signed)");
		assertThat(dana.get("/team/conferences").body()).contains("Complex care case review");
	}

	@Test
	void aProgramsWeeklyMeetingGetsAnAgendaOfTheFlaggedCasesWithTheirReasons() {
		Actors actors = new Actors(users);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		var priya = accounts.findByUsername("supervisor").orElseThrow().id();
		var dana = accounts.findByUsername("casemanager").orElseThrow().id();
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(organizations.primary().orElseThrow().id(),
				new ProgramDefinition("Meeting walk " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(priya)));
		Map<String, PatientId> people = new LinkedHashMap<>();
		Map<String, CaseId> casesOf = new LinkedHashMap<>();
		for (var entry : Map.of("Acute", Acuity.HIGH, "Overdue", Acuity.LOW, "Readmit", Acuity.LOW, "Stalled", Acuity.MODERATE, "Quiet", Acuity.LOW).entrySet()) {
			String family = entry.getKey() + suffix.replaceAll("[0-9]", "q");
			PatientId p = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
			CaseId k = actors.as("supervisor", () -> cases.enrol(new Enrolment(p, program.id(), null, dana, Today.date(),
					new Consent(Today.date(), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true), entry.getValue(),
					"meeting test")));
			people.put(entry.getKey(), p);
			casesOf.put(entry.getKey(), k);
		}
		actors.run("casemanager", () -> tasks.create(new NewTask(people.get("Overdue"), casesOf.get("Overdue"), TaskType.OUTREACH_CALL,
				"Monthly call", null, dana, null, TaskPriority.ROUTINE, null, Instant.now().minus(2, ChronoUnit.DAYS), null)));
		UUID stay = UUID.randomUUID();
		jdbc.sql("""
				insert into encounter (id, patient_id, facility, patient_class, status, admitted_at, discharged_at)
				values (?, ?, 'WALK GENERAL', 'I', 'FINISHED', now() - interval '20 days', now() - interval '15 days')""")
			.params(stay, people.get("Readmit").value()).update();
		jdbc.sql("""
				insert into encounter (id, patient_id, facility, patient_class, status, admitted_at, readmission_of)
				values (?, ?, 'WALK GENERAL', 'I', 'IN_PROGRESS', now() - interval '2 days', ?)""")
			.params(UUID.randomUUID(), people.get("Readmit").value(), stay).update();

		// a care plan with one goal getting worse and one on track (the plan's current version, as the care plan module keeps it)
		UUID plan = UUID.randomUUID();
		jdbc.sql("insert into care_plan (id, case_id, patient_id, status, current_version, created_by) values (?, ?, ?, 'ACTIVE', 1, 'test')")
			.params(plan, casesOf.get("Stalled").value(), people.get("Stalled").value()).update();
		jdbc.sql("""
				insert into care_plan_version (plan_id, version, content, reason, author) values (?, 1, cast(? as jsonb), 'test', 'test')""")
			.params(plan, """
					{"problems": [], "interventions": [], "barriers": [], "goals": [
					  {"id": "%s", "text": "Walk every day", "target": "20 minutes", "term": "SHORT", "lifecycle": "ACTIVE", "achievement": "WORSENING"},
					  {"id": "%s", "text": "Take the medicines", "target": "every dose", "term": "SHORT", "lifecycle": "ACTIVE", "achievement": "IMPROVING"}]}"""
				.formatted(UUID.randomUUID(), UUID.randomUUID()))
			.update();

		Browserless priyaWeb = signedIn("supervisor");
		assertThat(priyaWeb.get("/team/meetings").statusCode()).isEqualTo(200);
		HttpResponse<String> bad = priyaWeb.post("/team/meetings", Map.of("name", "", "forWhom", "", "weekday", "THURSDAY", "at", "10:00",
				"minutes", "5"));
		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(bad.body()).contains("id=\"name-error\"").contains("id=\"forWhom-error\"").contains("id=\"minutes-error\"");
		HttpResponse<String> made = priyaWeb.post("/team/meetings", Map.of("name", "Meeting walk " + suffix, "forWhom",
				"program:" + program.id().value(), "weekday", "WEDNESDAY", "at", "14:30", "minutes", "60"));
		assertThat(made.statusCode()).as(made.body()).isEqualTo(302);
		UUID meeting = jdbc.sql("select id from team_meeting where name = ?").param("Meeting walk " + suffix).query(UUID.class).single();
		assertThat(priyaWeb.get("/team/meetings").body()).contains("Meeting walk " + suffix).contains("Every Wednesday at 14:30");
		assertThat(signedIn("casemanager").post("/team/meetings/" + meeting + "/open", Map.of()).statusCode()).isEqualTo(403);

		HttpResponse<String> opened = priyaWeb.post("/team/meetings/" + meeting + "/open", Map.of());
		assertThat(opened.statusCode()).isEqualTo(302);
		UUID conference = idFrom(opened);
		// opening again finds the same occurrence's conference
		assertThat(idFrom(priyaWeb.post("/team/meetings/" + meeting + "/open", Map.of()))).isEqualTo(conference);
		Map<UUID, String> agenda = new LinkedHashMap<>();
		jdbc.sql("select case_id, reasons from conference_case where conference_id = ? order by position").param(conference)
			.query((rs, n) -> agenda.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
		assertThat(agenda).containsOnlyKeys(casesOf.get("Acute").value(), casesOf.get("Overdue").value(), casesOf.get("Readmit").value(),
				casesOf.get("Stalled").value());
		assertThat(agenda.get(casesOf.get("Stalled").value())).isEqualTo("1 goal stalled");
		assertThat(agenda.get(casesOf.get("Acute").value())).isEqualTo("High acuity");
		assertThat(agenda.get(casesOf.get("Overdue").value())).isEqualTo("1 task overdue");
		assertThat(agenda.get(casesOf.get("Readmit").value())).isEqualTo("Readmitted within 30 days (last 90 days)");
		var start = jdbc.sql("select starts_at from conference where id = ?").param(conference).query(java.sql.Timestamp.class).single()
			.toInstant().atZone(organizations.primary().orElseThrow().zone());
		assertThat(start.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.WEDNESDAY);
		assertThat(start.toLocalTime()).isEqualTo(java.time.LocalTime.of(14, 30));
		HttpResponse<String> page = priyaWeb.get("/team/conferences/" + conference);
		assertThat(page.body()).contains("Flagged: High acuity").contains("Flagged: 1 task overdue");
	}
}
