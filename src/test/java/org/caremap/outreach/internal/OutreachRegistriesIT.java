package org.caremap.outreach.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.assessment.AssessmentCompleted;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseOpened;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.ContactLogged;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.outreach.NewRule;
import org.caremap.outreach.OutreachRegistries;
import org.caremap.patient.ConditionRecorded;
import org.caremap.patient.PatientRegistered;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.PrimaryCareLinked;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralReceived;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.transition.EdVisitRecorded;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

/**
 * Registry rules evaluated on a cohort whose right answers are known, fed to the read model as the modules' events;
 * every rule names a condition group no other patient has (Q96, Q97), so its members are exactly the cohort's. With
 * D the day evaluated:
 *
 * <pre>
 * P1: Q96.0; PHQ-9 14 (D-10); ED D-20 and D-100; no PCP; no contact; not enrolled.
 * P2: Q96.1; PHQ-9 15 (D-60) then 6 (D-5); ED D-10, D-40, D-150; PCP; contact D-3; not enrolled.
 * P3: Q96.9 resolved (inactive); PHQ-9 12.
 * P4: Q97.0; PHQ-9 20 (D-1); ED D-400; no PCP; no contact; an open case.
 * P5: Q96.2; case closed (the closing heard before the opening); a referral waiting; contact D-40; no PCP.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachRegistriesIT extends IntegrationTest {

	static final String PASSWORD = "Outreach-test-Passw0rd!";

	@Autowired OutreachFacts facts;
	@Autowired OutreachRegistries registries;
	@Autowired OutreachMembers members;
	@Autowired PatientRegistry registry;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired DataSource dataSource;
	@Autowired @Qualifier("outreachNightlyJob") RecurringTask<Void> nightly;

	LocalDate d;
	PatientId p1, p2, p3, p4, p5;
	UUID anyQ96, score, ed, noPcp, noContact, notEnrolled, combined;
	UserView seesSome, seesNone;

	@BeforeAll
	void cohort() {
		d = Today.date();
		var org = organizations.primary().orElseThrow().id();
		p1 = Actors.newPatient(registry, org, "Registry-One");
		p2 = Actors.newPatient(registry, org, "Registry-Two");
		p3 = Actors.newPatient(registry, org, "Registry-Three");
		p4 = Actors.newPatient(registry, org, "Registry-Four");
		p5 = Actors.newPatient(registry, org, "Registry-Five");
		for (PatientId p : List.of(p1, p2, p3, p4, p5)) facts.on(new PatientRegistered(p));
		condition(p1, "Q96.0", true);
		condition(p2, "Q96.1", true);
		condition(p3, "Q96.9", true);
		// the listener runs asynchronously (as it does for published events): the change of status once the condition is in
		Eventually.until("P3's condition recorded", () -> count("select count(*) from outreach_condition where patient_id = ? and code = 'Q96.9'", p3) == 1);
		condition(p3, "Q96.9", false, conditionOf(p3));
		condition(p4, "Q97.0", true);
		// a 42 CFR Part 2 diagnosis never puts anyone on a registry
		facts.on(new ConditionRecorded(UUID.randomUUID(), p4, "http://hl7.org/fhir/sid/icd-10-cm", "Q96.5", true, true));
		condition(p5, "Q96.2", true);
		phq9(p1, 14, 10);
		phq9(p2, 15, 60);
		phq9(p2, 6, 5);
		phq9(p3, 12, 3);
		phq9(p4, 20, 1);
		ed(p1, 20);
		ed(p1, 100);
		ed(p2, 10);
		ed(p2, 40);
		ed(p2, 150);
		ed(p4, 400);
		facts.on(new PrimaryCareLinked(p2, UUID.randomUUID()));
		contact(p2, 3);
		contact(p5, 40);
		facts.on(new CaseOpened(new CaseId(UUID.randomUUID()), p4, new ProgramId(UUID.randomUUID()), new UserId(UUID.randomUUID()), d.minusDays(30)));
		CaseId closed = new CaseId(UUID.randomUUID());
		facts.on(new CaseClosed(closed, p5, "Goals met", "IMPROVED", d.minusDays(50)));
		facts.on(new CaseOpened(closed, p5, new ProgramId(UUID.randomUUID()), new UserId(UUID.randomUUID()), d.minusDays(200)));
		facts.on(new ReferralReceived(new ReferralId(UUID.randomUUID()), p5, new ProgramId(UUID.randomUUID()), at(2)));
		Object cohort = new UUID[] { p1.value(), p2.value(), p3.value(), p4.value(), p5.value() };
		Eventually.until("the read model holds the cohort", () ->
				count("select count(*) from outreach_patient where patient_id = any(?)", cohort) == 5
				&& count("select count(*) from outreach_patient where patient_id = any(?) and has_pcp", cohort) == 1
				&& count("select count(*) from outreach_condition where patient_id = any(?) and code like 'Q9%' and active", cohort) == 4
				&& count("select count(*) from outreach_condition where patient_id = any(?) and code like 'Q9%' and not active", cohort) == 2
				&& count("select count(*) from outreach_assessment where patient_id = any(?)", cohort) == 5
				&& count("select count(*) from outreach_ed_visit where patient_id = any(?)", cohort) == 6
				&& count("select count(*) from outreach_contact where patient_id = any(?)", cohort) == 2
				&& count("select count(*) from outreach_case where patient_id = any(?) and opened_on is not null", cohort) == 2
				&& count("select count(*) from outreach_case where patient_id = any(?) and closed_on is not null", cohort) == 1
				&& count("select count(*) from outreach_referral where patient_id = any(?) and open", cohort) == 1);

		String suffix = UUID.randomUUID().toString().substring(0, 6);
		List<String> both = List.of("Q96", "Q97");
		SystemActor.run("test", List.of("SUPERVISOR"), () -> {
			anyQ96 = registries.save(rule("Q96 any " + suffix, List.of("q96"), null, null, null, null, false, null, false));
			score = registries.save(rule("Q96/Q97 PHQ-9 " + suffix, both, "phq-9", BigDecimal.TEN, null, null, false, null, false));
			ed = registries.save(rule("Q96/Q97 ED " + suffix, both, null, null, 6, 2, false, null, false));
			noPcp = registries.save(rule("Q96/Q97 no PCP " + suffix, both, null, null, null, null, true, null, false));
			noContact = registries.save(rule("Q96/Q97 no contact " + suffix, both, null, null, null, null, false, 30, false));
			notEnrolled = registries.save(rule("Q96/Q97 not enrolled " + suffix, both, null, null, null, null, false, null, true));
			combined = registries.save(rule("Q96/Q97 all " + suffix, both, "phq-9", BigDecimal.TEN, null, null, false, 30, true));
		});
		seesSome = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("o.some." + suffix,
				"Olive Somesee", null, Set.of(Role.SUPERVISOR), PASSWORD, false)));
		seesNone = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("o.none." + suffix,
				"Oscar Noreach", null, Set.of(Role.SUPERVISOR), PASSWORD, false)));
		SystemActor.run("test", List.of("SYSTEM"), () -> {
			for (PatientId p : List.of(p1, p5)) relationships.open(seesSome.id(), p, RelationshipKind.CARE_TEAM, "test:outreach");
		});
		evaluate();
	}

	private static NewRule rule(String name, List<String> groups, String instrument, BigDecimal min, Integer months, Integer visits,
			boolean noPcp, Integer noContactDays, boolean notEnrolled) {
		return new NewRule(name, "test rule", groups, instrument, min, months, visits, noPcp, noContactDays, notEnrolled);
	}

	private int evaluate() {
		return SystemActor.call("test", List.of("SYSTEM"), () -> registries.evaluate(d));
	}

	private Instant at(int daysBefore) {
		return d.minusDays(daysBefore).atTime(LocalTime.NOON).atZone(organizations.zone()).toInstant();
	}

	private final Map<PatientId, UUID> conditions = new java.util.HashMap<>();

	private UUID conditionOf(PatientId p) {
		return conditions.get(p);
	}

	private void condition(PatientId p, String code, boolean active) {
		condition(p, code, active, UUID.randomUUID());
	}

	private void condition(PatientId p, String code, boolean active, UUID id) {
		conditions.put(p, id);
		facts.on(new ConditionRecorded(id, p, "http://hl7.org/fhir/sid/icd-10-cm", code, active));
	}

	private void phq9(PatientId p, int total, int daysBefore) {
		facts.on(new AssessmentCompleted(UUID.randomUUID(), p, null, "phq-9", "PHQ-9", List.of(), false, null, List.of(),
				BigDecimal.valueOf(total), at(daysBefore)));
	}

	private void ed(PatientId p, int daysBefore) {
		facts.on(new EdVisitRecorded(p, UUID.randomUUID(), "RIVERSIDE GENERAL", null, at(daysBefore)));
	}

	private void contact(PatientId p, int daysBefore) {
		facts.on(new ContactLogged(UUID.randomUUID(), p, null, ContactKinds.Type.PHONE, ContactKinds.Party.PATIENT,
				ContactKinds.Outcome.NO_ANSWER, at(daysBefore), 5, ContactKinds.StaffKind.CLINICAL_STAFF, "test"));
	}

	private long count(String sql, Object... params) {
		Object[] values = java.util.Arrays.stream(params).map(p -> p instanceof PatientId id ? id.value() : p).toArray();
		return jdbc.sql(sql).params(values).query(Long.class).single();
	}

	private Set<PatientId> membersOf(UUID rule) {
		return Set.copyOf(jdbc.sql("select patient_id from outreach_member where rule_id = ?").param(rule)
			.query((rs, n) -> new PatientId(rs.getObject(1, UUID.class))).list());
	}

	private int sizeOn(UUID rule) {
		return jdbc.sql("select members from outreach_size where rule_id = ? and day = ?").params(rule, d).query(Integer.class).single();
	}

	@Test
	void everyRuleFindsExactlyItsPatients() {
		assertThat(membersOf(anyQ96)).as("active Q96 conditions (P3's is resolved, P4's a Part 2 record)").containsExactlyInAnyOrder(p1, p2, p5);
		assertThat(membersOf(score)).as("latest PHQ-9 at least 10 (P2's latest is 6)").containsExactlyInAnyOrder(p1, p4);
		assertThat(membersOf(ed)).as("two ED visits in six months").containsExactlyInAnyOrder(p1, p2);
		assertThat(membersOf(noPcp)).as("no primary care provider").containsExactlyInAnyOrder(p1, p4, p5);
		assertThat(membersOf(noContact)).as("no contact in 30 days").containsExactlyInAnyOrder(p1, p4, p5);
		assertThat(membersOf(notEnrolled)).as("no open case (P5's is closed)").containsExactlyInAnyOrder(p1, p2, p5);
		assertThat(membersOf(combined)).as("every criterion together").containsExactly(p1);
		assertThat(sizeOn(anyQ96)).isEqualTo(3);
		assertThat(sizeOn(combined)).isEqualTo(1);
	}

	@Test
	void aDayEvaluatedAgainKeepsOneSizeAndTheSameMembers() {
		int runs = jdbc.sql("select runs from outreach_run where day = ?").param(d).query(Integer.class).single();
		evaluate();
		evaluate();
		assertThat(membersOf(anyQ96)).containsExactlyInAnyOrder(p1, p2, p5);
		assertThat(jdbc.sql("select count(*) from outreach_size where rule_id = ? and day = ?").params(anyQ96, d).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(sizeOn(anyQ96)).isEqualTo(3);
		assertThat(jdbc.sql("select runs from outreach_run where day = ?").param(d).query(Integer.class).single()).isEqualTo(runs + 2);
		// a day before: P1's PHQ-9 of D-10 is there; as of 11 days ago it was not
		SystemActor.run("test", List.of("SYSTEM"), () -> registries.evaluate(d.minusDays(11)));
		assertThat(membersOf(score)).containsExactly(p2);
		evaluate();
		assertThat(membersOf(score)).containsExactlyInAnyOrder(p1, p4);
	}

	@Test
	void aRuleIsCheckedBeforeItIsSaved() {
		SystemActor.run("test", List.of("SUPERVISOR"), () -> {
			assertThatThrownBy(() -> registries.save(rule("Bad prefix", List.of("150"), null, null, null, null, false, null, false)))
				.isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "outreach.rule-prefix");
			assertThatThrownBy(() -> registries.save(rule("Nothing", List.of(), null, null, null, null, false, null, false)))
				.isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "outreach.rule-empty");
			assertThatThrownBy(() -> registries.save(rule("Score alone", List.of(), "phq-9", null, null, null, false, null, false)))
				.isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "outreach.rule-score");
		});
		String taken = jdbc.sql("select name from outreach_rule where id = ?").param(anyQ96).query(String.class).single();
		SystemActor.run("test", List.of("SUPERVISOR"), () -> assertThatThrownBy(
				() -> registries.save(rule(taken.toUpperCase(java.util.Locale.ROOT), List.of("Q96"), null, null, null, null, false, null, false)))
			.isInstanceOf(DomainException.class).hasFieldOrPropertyWithValue("code", "outreach.rule-taken"));
	}

	@Test
	void membersAreShownOnlyWhereTheViewerMayRead() {
		Actors actors = new Actors(users);
		OutreachMembers.Page some = actors.as(seesSome.username(), () -> members.page(anyQ96, 0));
		assertThat(some.members()).extracting(m -> m.patient().id()).containsExactlyInAnyOrder(p1, p5);
		assertThat(some.total()).isEqualTo(3);
		assertThat(some.hidden()).isEqualTo(1);
		assertThat(some.members()).filteredOn(m -> m.patient().id().equals(p5)).singleElement()
			.satisfies(m -> assertThat(m.referred()).isTrue());
		OutreachMembers.Page none = actors.as(seesNone.username(), () -> members.page(anyQ96, 0));
		assertThat(none.members()).isEmpty();
		assertThat(none.hidden()).isEqualTo(3);
		Eventually.value(Duration.ofSeconds(30), "the members shown audited as reads",
				() -> jdbc.sql("select count(*) from audit_event where resource_type = 'OutreachRegistry' and patient_id = ? and actor = ?")
					.params(p1.value(), seesSome.username()).query(Long.class).single(),
				n -> n > 0);
		assertThat(jdbc.sql("select count(*) from audit_event where resource_type = 'OutreachRegistry' and patient_id = ? and actor = ?")
			.params(p2.value(), seesSome.username()).query(Long.class).single()).isZero();
	}

	@Test
	void chosenMembersAreReferredWithOneReasonAndTheCoveredOnesSkipped() {
		ProgramId program = SystemActor.call("test", List.of("ADMIN"), () -> programs.active().get(0).id());
		Browserless b = client();
		assertThat(Browserless.location(b.login(seesSome.username(), PASSWORD))).doesNotContain("error");
		HttpResponse<String> page = b.get("/transitions/registries/" + anyQ96);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Registry-One, Test").contains("Registry-Five, Test").doesNotContain("Registry-Two")
			.contains("Referral waiting");
		String reason = "Heart of the registry " + UUID.randomUUID();
		HttpResponse<String> sent = b.postEncoded("/transitions/registries/" + anyQ96 + "/refer", "patient=" + p1.value() + "&patient="
				+ p5.value() + "&patient=" + p2.value() + "&program=" + program.value() + "&reason=" + reason.replace(' ', '+'));
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(Browserless.location(sent)).endsWith("/transitions/registries/" + anyQ96);
		assertThat(b.get("/transitions/registries/" + anyQ96).body()).contains("1 patient referred; 2 skipped");
		List<Map<String, Object>> made = jdbc.sql("select patient_id, source_type, program_id from referral where reason = ?").param(reason)
			.query().listOfRows();
		assertThat(made).hasSize(1);
		assertThat(made.get(0)).containsEntry("patient_id", p1.value()).containsEntry("source_type", "OUTREACH")
			.containsEntry("program_id", program.value());
		// the referral reaches the read model: P1 is now shown as referred, and a second try skips them
		Eventually.value(Duration.ofSeconds(30), "P1's referral heard", () -> jdbc.sql(
				"select count(*) from outreach_referral where patient_id = ? and open").param(p1.value()).query(Long.class).single(), n -> n > 0);
		b.get("/transitions/registries/" + anyQ96);
		b.postEncoded("/transitions/registries/" + anyQ96 + "/refer", "patient=" + p1.value() + "&program=" + program.value() + "&reason="
				+ reason.replace(' ', '+'));
		assertThat(jdbc.sql("select count(*) from referral where reason = ?").param(reason).query(Long.class).single()).isEqualTo(1);
		// no reason: nothing referred, the error shown
		b.get("/transitions/registries/" + anyQ96);
		HttpResponse<String> noReason = b.postEncoded("/transitions/registries/" + anyQ96 + "/refer", "patient=" + p5.value() + "&program="
				+ program.value() + "&reason=");
		assertThat(b.get(Browserless.location(noReason).replaceFirst("^https?://[^/]+", "")).body())
			.contains("Give the reason for the referrals");
	}

	@Test
	void aRuleWithABadPrefixIsShownBackWithTheError() {
		Browserless b = client();
		assertThat(Browserless.location(b.login(seesSome.username(), PASSWORD))).doesNotContain("error");
		assertThat(b.get("/transitions/registries/new").statusCode()).isEqualTo(200);
		HttpResponse<String> r = b.post("/transitions/registries", Map.of("name", "Bad " + UUID.randomUUID(), "conditionGroups", "I50, 9XY"));
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).contains("Not an ICD-10-CM code prefix: 9XY");
	}

	@Test
	void aMergedRecordsFactsMoveToTheSurvivor() {
		var org = organizations.primary().orElseThrow().id();
		PatientId survivor = Actors.newPatient(registry, org, "Registry-Survivor");
		PatientId merged = Actors.newPatient(registry, org, "Registry-Merged");
		facts.on(new PatientRegistered(survivor));
		facts.on(new PrimaryCareLinked(merged, UUID.randomUUID()));
		condition(merged, "Q97.8", true);
		Eventually.until("the merged record's facts", () -> count("select count(*) from outreach_patient where patient_id = ? and has_pcp", merged) == 1
				&& count("select count(*) from outreach_condition where patient_id = ? and code = 'Q97.8'", merged) == 1
				&& count("select count(*) from outreach_patient where patient_id = ?", survivor) == 1);
		facts.on(new org.caremap.patient.PatientsMerged(survivor, merged, "same person"));
		assertThat(count("select count(*) from outreach_patient where patient_id = ?", merged)).isZero();
		assertThat(count("select count(*) from outreach_patient where patient_id = ? and has_pcp", survivor)).isEqualTo(1);
		assertThat(count("select count(*) from outreach_condition where patient_id = ? and code = 'Q97.8'", survivor)).isEqualTo(1);
	}

	/**
	 * The nightly task on two schedulers over one database (the application's and a second node's, polling faster):
	 * the night's execution, due now, is picked by one of them and runs once.
	 */
	@Test
	void theNightlyRunFiresOnceAcrossTwoNodes() throws Exception {
		assertThat(nightly.getName()).isEqualTo(NightlyEvaluation.TASK);
		LocalDate today = organizations.today();
		jdbc.sql("delete from outreach_run where day = ?").param(today).update();
		Scheduler nodeB = Scheduler.create(dataSource, List.of(nightly)).threads(2).pollingInterval(Duration.ofMillis(100))
			.schedulerName(new SchedulerName.Fixed("node-b")).build();
		nodeB.start();
		try {
			int due = jdbc.sql("update scheduled_tasks set execution_time = now() where task_name = ?").param(NightlyEvaluation.TASK).update();
			assertThat(due).as("the nightly task is scheduled").isEqualTo(1);
			Eventually.value(Duration.ofSeconds(60), "the night's run done and the next one scheduled for tomorrow",
					() -> jdbc.sql("""
							select (select count(*) from outreach_run where day = ?)
							     + (select count(*) from scheduled_tasks where task_name = ? and not picked and execution_time > now())""")
						.params(today, NightlyEvaluation.TASK).query(Integer.class).single(),
					n -> n == 2);
			// both schedulers poll several more times: nothing runs again
			Thread.sleep(3000);
			assertThat(jdbc.sql("select runs from outreach_run where day = ?").param(today).query(Integer.class).single()).isEqualTo(1);
			assertThat(membersOf(anyQ96)).containsExactlyInAnyOrder(p1, p2, p5);
			// the next run: 02:30 of the organisation's day
			java.time.ZonedDateTime now = java.time.ZonedDateTime.now(organizations.zone());
			java.time.ZonedDateTime next = now.toLocalDate().atTime(2, 30).atZone(organizations.zone());
			if (!next.isAfter(now)) next = now.toLocalDate().plusDays(1).atTime(2, 30).atZone(organizations.zone());
			assertThat(jdbc.sql("select execution_time from scheduled_tasks where task_name = ?").param(NightlyEvaluation.TASK)
				.query((rs, n) -> rs.getTimestamp(1).toInstant()).single()).isEqualTo(next.toInstant());
		}
		finally {
			nodeB.stop();
		}
	}
}
