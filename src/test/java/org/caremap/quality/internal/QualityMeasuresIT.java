package org.caremap.quality.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The outcome measures on a cohort whose right answers are known ({@link QualityCohort}): every figure exactly, the
 * filters by program and case manager, the drill-down rows matching the counts, and a viewer who may not read the
 * patients seeing none of them (the rows are counted as hidden, and each row shown is audited).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualityMeasuresIT extends IntegrationTest {

	@Autowired ApplicationContext context;
	@Autowired MeasureEngine engine;
	@Autowired QualityDashboard dashboard;
	@Autowired CareRelationships relationships;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	QualityCohort cohort;
	UserView seesAll;
	UserView seesNone;

	@BeforeAll
	void cohort() {
		cohort = new QualityCohort(context, "Outcomes IT");
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		seesAll = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("q.all." + suffix,
				"Quinn Allsee", null, Set.of(Role.SUPERVISOR), "Quality-test-Passw0rd!", false)));
		seesNone = SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("q.none." + suffix,
				"Nadia Noreach", null, Set.of(Role.SUPERVISOR), "Quality-test-Passw0rd!", false)));
		QualityCohort.careFor(relationships, seesAll.id(), cohort.a, cohort.b, cohort.c);
	}

	private QualityFilter program() {
		return new QualityFilter(cohort.program, null, null, QualityCohort.FROM, QualityCohort.TO);
	}

	private Figure figure(Measure m, QualityFilter f) {
		return engine.figure(m, f, Today.date());
	}

	@Test
	void enrolmentNewAndClosedWithTheirReasons() {
		assertThat(figure(Measure.ENROLLED, program()).numerator()).isEqualTo(3);
		assertThat(figure(Measure.NEW, program()).rows()).extracting(Figure.Row::patient).containsExactly(cohort.b, cohort.c);
		assertThat(figure(Measure.CLOSED, program()).numerator()).isEqualTo(2);
		assertThat(engine.closedByReason(program())).containsExactly(Map.entry("Goals met", 1L), Map.entry("Moved away", 1L));
		// the month before: only A was enrolled, nothing new or closed
		QualityFilter december = program().over(LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 31));
		assertThat(figure(Measure.ENROLLED, december).numerator()).isEqualTo(1);
		assertThat(figure(Measure.NEW, december).numerator()).isEqualTo(1);
		assertThat(figure(Measure.CLOSED, december).numerator()).isZero();
	}

	@Test
	void readmissionsMergeCloseStaysAndLeaveOutSameDayStays() {
		Figure f = figure(Measure.READMISSIONS, program());
		assertThat(f.denominator()).isEqualTo(4);
		assertThat(f.numerator()).isEqualTo(2);
		assertThat(f.value()).isEqualByComparingTo("50.0");
		assertThat(f.rows()).extracting(Figure.Row::patient, Figure.Row::on, Figure.Row::numerator, Figure.Row::days)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 1, 20), true, 16L),
					org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 2, 8), false, null),
					org.assertj.core.groups.Tuple.tuple(cohort.b, LocalDate.of(2025, 2, 25), false, null),
					org.assertj.core.groups.Tuple.tuple(cohort.c, LocalDate.of(2025, 3, 5), true, 20L));
		// one case manager's patients in the program only: A's two stays and B's
		QualityFilter x = new QualityFilter(cohort.program, null, cohort.managerX, QualityCohort.FROM, QualityCohort.TO);
		Figure mine = figure(Measure.READMISSIONS, x);
		assertThat(mine.numerator()).isEqualTo(1);
		assertThat(mine.denominator()).isEqualTo(3);
		assertThat(mine.value()).isEqualByComparingTo("33.3");
		// D's readmission in the other program never counts in this one; in all of the case manager's programs it does
		assertThat(f.rows()).extracting(Figure.Row::patient).doesNotContain(cohort.d);
		Figure everywhere = figure(Measure.READMISSIONS, x.over(QualityCohort.FROM, QualityCohort.TO).withoutProgram());
		assertThat(everywhere.numerator()).isEqualTo(2);
		assertThat(everywhere.denominator()).isEqualTo(5);
	}

	@Test
	void transitionsTimelinessAfterTheIndexDischargesCommunityReferralsAndSocialNeedsClosed() {
		Figure contact = figure(Measure.TCM_CONTACT, program());
		assertThat(contact.denominator()).isEqualTo(4);
		assertThat(contact.rows()).filteredOn(Figure.Row::numerator).extracting(Figure.Row::patient, Figure.Row::on, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 2, 8), 2L));
		assertThat(contact.value()).isEqualByComparingTo("25.0");
		assertThat(figure(Measure.TCM_VISIT_7, program()).value()).isEqualByComparingTo("50.0");
		assertThat(figure(Measure.TCM_VISIT_14, program()).value()).isEqualByComparingTo("75.0");
		Figure engagement = figure(Measure.TRC_ENGAGEMENT, program());
		assertThat(engagement.numerator()).isEqualTo(3);
		assertThat(engagement.rows()).filteredOn(r -> !r.numerator()).extracting(Figure.Row::patient).containsExactly(cohort.c);
		Figure medication = figure(Measure.TRC_MEDICATION, program());
		assertThat(medication.rows()).filteredOn(Figure.Row::numerator).extracting(Figure.Row::patient, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, 0L), org.assertj.core.groups.Tuple.tuple(cohort.c, 15L));
		assertThat(medication.value()).isEqualByComparingTo("50.0");

		Figure turnaround = figure(Measure.AUTHORIZATION_TURNAROUND, program());
		assertThat(turnaround.numerator()).isEqualTo(2);
		assertThat(turnaround.denominator()).isEqualTo(3);
		assertThat(turnaround.value()).isEqualByComparingTo("50.0");

		Figure community = figure(Measure.COMMUNITY_CLOSED, program());
		assertThat(community.denominator()).isEqualTo(2);
		assertThat(community.rows()).filteredOn(Figure.Row::numerator).extracting(Figure.Row::patient, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, 20L));
		assertThat(community.value()).isEqualByComparingTo("50.0");

		// social needs: A's met in 36 days, B's met after the period; B's earlier one, C's before enrolment and D's not counted
		Figure needs = figure(Measure.SOCIAL_CLOSED, program());
		assertThat(needs.denominator()).isEqualTo(2);
		assertThat(needs.rows()).extracting(Figure.Row::patient, Figure.Row::on, Figure.Row::numerator, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 1, 15), true, 36L),
					org.assertj.core.groups.Tuple.tuple(cohort.b, LocalDate.of(2025, 3, 1), false, null));
		assertThat(needs.value()).isEqualByComparingTo("50.0");
	}

	@Test
	void cadenceReferralToFirstContactAndUtilizationBeforeAndAfter() {
		Figure cadence = figure(Measure.CADENCE, program());
		assertThat(cadence.numerator()).isEqualTo(2);
		assertThat(cadence.denominator()).isEqualTo(3);
		assertThat(cadence.value()).isEqualByComparingTo("66.7");
		assertThat(cadence.rows()).filteredOn(r -> !r.numerator()).extracting(Figure.Row::patient, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.b, 40L));

		Figure first = figure(Measure.FIRST_CONTACT, program());
		assertThat(first.numerator()).isEqualTo(2);
		assertThat(first.denominator()).isEqualTo(3);
		assertThat(first.value()).isEqualByComparingTo("23.0");

		Figure goals = figure(Measure.GOALS_MET, program());
		assertThat(goals.numerator()).isEqualTo(1);
		assertThat(goals.denominator()).isEqualTo(3);
		assertThat(goals.value()).isEqualByComparingTo("33.3");
		assertThat(goals.rows()).filteredOn(Figure.Row::numerator).extracting(Figure.Row::patient, Figure.Row::on)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 2, 1)));

		Figure response = figure(Measure.PHQ9_RESPONSE, program());
		assertThat(response.numerator()).isEqualTo(2);
		assertThat(response.denominator()).isEqualTo(2);
		assertThat(response.value()).isEqualByComparingTo("100.0");
		Figure remission = figure(Measure.PHQ9_REMISSION, program());
		assertThat(remission.rows()).extracting(Figure.Row::patient, Figure.Row::on, Figure.Row::numerator, Figure.Row::days)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(cohort.a, LocalDate.of(2025, 2, 15), false, 7L),
					org.assertj.core.groups.Tuple.tuple(cohort.b, LocalDate.of(2025, 3, 8), true, 4L));
		assertThat(remission.value()).isEqualByComparingTo("50.0");

		// B and C began in the period: 12 patient-months before and 12 after
		Figure edBefore = figure(Measure.ED_BEFORE, program());
		assertThat(edBefore.numerator()).isEqualTo(2);
		assertThat(edBefore.denominator()).isEqualTo(12);
		assertThat(edBefore.value()).isEqualByComparingTo("166.7");
		assertThat(figure(Measure.ED_AFTER, program()).value()).isEqualByComparingTo("83.3");
		assertThat(figure(Measure.ADMISSIONS_BEFORE, program()).value()).isEqualByComparingTo("83.3");
		Figure admissionsAfter = figure(Measure.ADMISSIONS_AFTER, program());
		assertThat(admissionsAfter.numerator()).isEqualTo(5);
		assertThat(admissionsAfter.value()).isEqualByComparingTo(new BigDecimal("416.7"));
	}

	@Test
	void drillDownsMatchTheCountsAndShowOnlyReadablePatients() {
		Actors actors = new Actors(users);
		for (Measure m : Measure.values()) {
			QualityDashboard.Drill drill = actors.as(seesAll.username(), () -> dashboard.drill(program(), m));
			// only D's referral is about a patient this viewer may not read
			assertThat(drill.hidden()).as(m.key()).isEqualTo(m == Measure.FIRST_CONTACT ? 1 : 0);
			long inNumerator = drill.rows().stream().filter(r -> r.row().numerator()).count();
			if (m.unit() == Measure.Unit.PERCENT || m == Measure.FIRST_CONTACT || m == Measure.AUTHORIZATION_TURNAROUND) {
				assertThat(inNumerator).as(m.key()).isEqualTo(drill.figure().numerator());
				assertThat((long) drill.rows().size() + drill.hidden()).as(m.key()).isEqualTo(drill.figure().denominator());
			}
			else if (m.unit() == Measure.Unit.COUNT) {
				assertThat((long) drill.rows().size()).as(m.key()).isEqualTo(drill.figure().numerator());
			}
			else {
				long events = drill.rows().stream().mapToLong(r -> r.row().days()).sum();
				assertThat(events).as(m.key()).isEqualTo(drill.figure().numerator());
			}
		}
		// the referral of D (whom this viewer may not read) is counted but not shown
		QualityDashboard.Drill referrals = actors.as(seesAll.username(), () -> dashboard.drill(program(), Measure.FIRST_CONTACT));
		assertThat(referrals.rows()).extracting(r -> r.patient().id()).containsExactly(cohort.b, cohort.c);
		QualityDashboard.Drill readmissions = actors.as(seesAll.username(), () -> dashboard.drill(program(), Measure.READMISSIONS));
		assertThat(readmissions.rows()).extracting(r -> r.patient().familyName()).containsExactly("Quality-A", "Quality-A",
				"Quality-B", "Quality-C");
		org.caremap.support.Eventually.until("the drill-down's reads are audited", () -> jdbc.sql(
				"select count(*) from audit_event where resource_type = 'QualityMeasure' and resource_id = 'readmissions' and patient_id = ?")
			.param(cohort.a.value()).query(Long.class).single() > 0);

		QualityDashboard.Drill none = actors.as(seesNone.username(), () -> dashboard.drill(program(), Measure.READMISSIONS));
		assertThat(none.rows()).isEmpty();
		assertThat(none.hidden()).isEqualTo(4);
		assertThat(none.figure().numerator()).isEqualTo(2);
	}

	@Test
	void aCaseManagerMayNotOpenTheDashboard() {
		Actors actors = new Actors(users);
		assertThatThrownBy(() -> actors.as("casemanager", () -> dashboard.drill(program(), Measure.READMISSIONS)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	@Test
	void theMonthlySummaryGoesOutOnceToTheSupervisorsWithCountsOnly() {
		MonthlySummaryJob job = context.getBean(MonthlySummaryJob.class);
		java.time.YearMonth february = java.time.YearMonth.of(2025, 2);
		assertThat(job.publish(february)).isTrue();
		assertThat(job.publish(february)).isFalse();
		String email = accounts.findByUsername("supervisor").orElseThrow().email();
		assertThat(email).isNotBlank();
		String body = org.caremap.support.Eventually.value("the summary e-mail is queued", () -> jdbc.sql(
				"select body from email_outbox where recipient = ? and subject = ?").params(email, "Caremap outcomes for 2025-02")
			.query(String.class).optional().orElse(null), java.util.Objects::nonNull);
		assertThat(body).contains("30-day readmissions: ").contains("Enrolled: ");
		// counts only: no patient of the organisation is named
		assertThat(body).doesNotContain("Quality-").doesNotContain(cohort.a.value().toString());
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ? and subject = ?")
			.params(email, "Caremap outcomes for 2025-02").query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theBackfillRestoresWhatTheModulesRecordedBeforeTheReadModel() {
		QualityBackfill backfill = context.getBean(QualityBackfill.class);
		Map<String, Object> someCase = jdbc.sql("select id, start_date from care_case order by created_at limit 1").query().singleRow();
		UUID caseId = (UUID) someCase.get("id");
		Map<String, Object> someStay = jdbc.sql("""
				select id, patient_id from encounter where patient_class = 'I' and status = 'FINISHED' and admitted_at is not null
				order by admitted_at limit 1""").query().singleRow();
		UUID encounter = (UUID) someStay.get("id");
		jdbc.sql("delete from quality_case where case_id = ?").param(caseId).update();
		jdbc.sql("delete from quality_stay where encounter_id = ?").param(encounter).update();

		int read = SystemActor.call("test", List.of("SYSTEM"), backfill::fill);
		assertThat(read).isPositive();
		assertThat(jdbc.sql("select opened_on from quality_case where case_id = ?").param(caseId).query(LocalDate.class).single())
			.isEqualTo(((java.sql.Date) someCase.get("start_date")).toLocalDate());
		assertThat(jdbc.sql("select patient_id from quality_stay where encounter_id = ? and kind = 'INPATIENT'").param(encounter)
			.query(UUID.class).single()).isEqualTo(someStay.get("patient_id"));
		// running again changes nothing
		long cases = jdbc.sql("select count(*) from quality_case").query(Long.class).single();
		SystemActor.call("test", List.of("SYSTEM"), backfill::fill);
		assertThat(jdbc.sql("select count(*) from quality_case").query(Long.class).single()).isEqualTo(cases);
	}

	@Test
	void theCsvExportHoldsTheCountsAndBadFiltersAreFieldErrors() {
		var supervisor = client();
		supervisor.login(seesNone.username(), "Quality-test-Passw0rd!");
		String query = "?program=" + cohort.program.value() + "&from=2025-01-01&to=2025-03-31";
		var csv = supervisor.get("/quality/export.csv" + query);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.body()).contains("30-day readmissions,percent,50.0,2,4,,0,0")
			.contains("Closed: Goals met,count,1,,,0,,")
			.doesNotContain("Quality-");
		// a date that is none and a program that is no id: said on the page, the defaults used, never a 500
		var bad = supervisor.get("/quality?from=yesterday&program=nonsense");
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("Enter a date as year-month-day.").contains("Choose from the list.");
		assertThat(supervisor.get("/quality/no-such-measure/patients").statusCode()).isEqualTo(404);
		var manager = staffClient("casemanager");
		assertThat(manager.get("/quality").statusCode()).isEqualTo(403);
	}
}
