package org.caremap.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.assessment.AnswersRejected;
import org.caremap.assessment.Answers;
import org.caremap.assessment.AssessmentStatus;
import org.caremap.assessment.AssessmentView;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.InstrumentDefinitions;
import org.caremap.assessment.Instruments;
import org.caremap.assessment.Respondent;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Assessments as work: assigned with a task, saved part way, refused without losing anything, completed with
 * their consequences (follow-up instrument, social needs, flags), expired by the clock, given again by the
 * program's re-assessment rule, and edited instrument definitions stored as new versions.
 */
class AssessmentWorkIT extends IntegrationTest {

	@Autowired Assessments assessments;
	@Autowired Instruments instruments;
	@Autowired CarePlans plans;
	@Autowired AssessmentJobs.Clock clock;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	Actors actors;
	ZoneId zone;
	LocalDate today;
	PatientId patient;
	CaseId caseId;
	ProgramView program;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		zone = organizations.primary().orElseThrow().zone();
		today = LocalDate.now(zone);
		// a program of its own, so that its re-assessment rule touches only this test's patient
		program = actors.as("admin", () -> programs.create(organizations.primary().orElseThrow().id(),
				new ProgramDefinition("Behavioural health " + UUID.randomUUID().toString().substring(0, 6),
						org.caremap.program.ProgramType.BEHAVIOURAL_HEALTH, "test", "test", 30,
						org.caremap.program.Confidentiality.STANDARD, true)));
		patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Assessed");
		caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), today.minusDays(3),
				new Consent(today.minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true), Acuity.MODERATE,
				"test")));
	}

	/** The task an assessment's event makes (after its transaction commits) reaches this status. */
	private void taskBecomes(String source, String status) {
		org.caremap.support.Eventually.until("the task of " + source + " is " + status, () -> jdbc
			.sql("select status from task where source = ?").param(source).query(String.class).optional()
			.filter(status::equals).isPresent());
	}

	/** Every event published about this patient has been heard by its listeners. */
	private void eventsHeard() {
		org.caremap.support.Eventually.until("every event about the patient heard", () -> count("""
				select count(*) from event_publication where completion_date is null
				and serialized_event like '%' || ? || '%'""", patient.value().toString()) == 0);
	}

	private static Answers phq9Answers(int each) {
		String[] codes = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };
		String[] pairs = new String[18];
		for (int i = 0; i < 9; i++) {
			pairs[2 * i] = "phq9-" + (i + 1);
			pairs[2 * i + 1] = i == 8 ? codes[0] : codes[each];
		}
		return Answers.single(pairs);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	/**
	 * Assigned and cancelled in one transaction: both events are heard after it commits, by listeners that may run
	 * at the same time and in either order. Whatever the order, no task is left open for an assessment that is no
	 * longer due (a listener that made the task after the cancel's listener had found nothing to cancel would leave
	 * one on the case manager's day for good).
	 */
	@Test
	void anAssessmentCancelledAtOnceLeavesNoTaskWhateverOrderItsEventsAreHeardIn(
			@Autowired org.springframework.transaction.support.TransactionTemplate tx) {
		List<String> sources = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			UUID id = tx.execute(s -> actors.as("casemanager", () -> {
				UUID a = assessments.assign(patient, caseId, "gad-7", today);
				assessments.cancel(a, "Given by mistake");
				return a;
			}));
			sources.add("assessment:" + id);
		}
		eventsHeard();
		assertThat(count("select count(*) from event_publication where serialized_event like '%' || ? || '%'",
				patient.value().toString())).as("the events were published").isGreaterThanOrEqualTo(24);
		assertThat(jdbc.sql("select count(*) from task where source = any(?) and status not in ('CANCELLED', 'COMPLETED')")
			.param(sources.toArray(String[]::new)).query(Long.class).single()).isZero();
	}

	@Test
	void assignedSavedPartWayRefusedWithoutLossAndCompletedWithItsConsequences() {
		actors.run("casemanager", () -> {
			UUID phq2 = assessments.assign(patient, caseId, "phq-2", today.plusDays(7));
			taskBecomes("assessment:" + phq2, "READY");
			assertThatThrownBy(() -> assessments.assign(patient, caseId, "phq-2", today))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("assessment.already-open"));

			// an answer that is not one of the options: refused, and nothing about the assessment changed
			assertThatThrownBy(() -> assessments.save(phq2, Answers.single("phq2-1", "LA6571-9", "phq2-2", "banana"), null, 0))
				.isInstanceOfSatisfying(AnswersRejected.class,
						ex -> assertThat(ex.problems()).isEqualTo(Map.of("phq2-2", "unknown-answer")));
			AssessmentView untouched = assessments.find(phq2).orElseThrow();
			assertThat(untouched.status()).isEqualTo(AssessmentStatus.ASSIGNED);
			assertThat(untouched.answers().values()).isEmpty();
			assertThat(untouched.version()).isZero();

			// part way, then a stale save is refused
			assessments.save(phq2, Answers.single("phq2-1", "LA6571-9"), Respondent.PATIENT, 0);
			AssessmentView partial = assessments.find(phq2).orElseThrow();
			assertThat(partial.status()).isEqualTo(AssessmentStatus.IN_PROGRESS);
			assertThat(partial.answers().first("phq2-1")).isEqualTo("LA6571-9");
			assertThatThrownBy(() -> assessments.save(phq2, Answers.single("phq2-1", "LA6568-5"), null, 0))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("assessment.stale"));
			// completing with a required answer missing names it
			assertThatThrownBy(() -> assessments.complete(phq2, Answers.single("phq2-1", "LA6571-9"), null, 1))
				.isInstanceOfSatisfying(AnswersRejected.class,
						ex -> assertThat(ex.problems()).isEqualTo(Map.of("phq2-2", "required")));

			// PHQ-2 of 3 + 1 = 4: positive, so the PHQ-9 is assigned at once; the PHQ-2's own task is done
			var result = assessments.complete(phq2, Answers.single("phq2-1", "LA6571-9", "phq2-2", "LA6569-3"), null, 1);
			assertThat(result.primary().orElseThrow().intValue()).isEqualTo(4);
			assertThat(result.positive()).isTrue();
			taskBecomes("assessment:" + phq2, "COMPLETED");
			AssessmentView phq9 = assessments.ofPatient(patient).stream().filter(a -> a.instrumentKey().equals("phq-9"))
				.findFirst().orElseThrow();
			assertThat(phq9.status()).isEqualTo(AssessmentStatus.ASSIGNED);
			assertThat(phq9.dueOn()).isEqualTo(today);
			assertThatThrownBy(() -> assessments.complete(phq2, Answers.single("phq2-1", "LA6568-5", "phq2-2", "LA6568-5"), null, 2))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("assessment.closed"));

			// a positive PHQ-9 flags the screen; the next PHQ-9 replaces that flag (urgent ones would stay)
			assessments.complete(phq9.id(), phq9Answers(2), Respondent.PATIENT, 0); // 9 items x 2 = 18
			assertThat(assessments.flags(patient)).filteredOn(f -> f.open()).extracting(f -> f.code())
				.containsExactlyInAnyOrder("depression-positive", "depression-screen-positive");
			UUID again = assessments.assign(patient, caseId, "phq-9", today);
			assessments.complete(again, phq9Answers(0), Respondent.PATIENT, 0);
			assertThat(assessments.flags(patient)).filteredOn(f -> f.code().equals("depression-positive")).singleElement()
				.satisfies(f -> {
					assertThat(f.open()).isFalse();
					assertThat(f.addressedNote()).startsWith("Superseded by the Patient Health Questionnaire-9 (PHQ-9) completed")
						// the day as the pages write it (Fri 4 Dec 2026), not ISO
						.matches(".* completed [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{4}$");
				});

			// HRSN: food and safety positive (physically hurt "Rarely" though the safety total is only 5)
			Answers hrsn = Answers.of(Map.ofEntries(Map.entry("living-situation", List.of("LA31993-1")),
					Map.entry("housing-problems", List.of("LA9-3")), Map.entry("food-worry", List.of("LA28397-0")),
					Map.entry("food-didnt-last", List.of("LA28398-8")), Map.entry("transportation", List.of("LA32-8")),
					Map.entry("utilities", List.of("LA32-8")), Map.entry("safety-hurt", List.of("LA10066-1")),
					Map.entry("safety-insult", List.of("LA6270-8")), Map.entry("safety-threaten", List.of("LA6270-8")),
					Map.entry("safety-scream", List.of("LA6270-8"))));
			UUID first = assessments.assign(patient, caseId, "ahc-hrsn", today);
			assessments.complete(first, hrsn, Respondent.PATIENT, 0);
			assertThat(assessments.needs(patient)).extracting(n -> n.code())
				.containsExactlyInAnyOrder("food-insecurity", "interpersonal-safety");
			assertThat(assessments.flags(patient)).anySatisfy(f -> assertThat(f.severity().name()).isEqualTo("URGENT"));
			// screened again: the same needs stay one each
			UUID second = assessments.assign(patient, caseId, "ahc-hrsn", today);
			assessments.complete(second, hrsn, Respondent.PATIENT, 0);
			assertThat(assessments.needs(patient)).hasSize(2);
			var food = assessments.needs(patient).stream().filter(n -> n.code().equals("food-insecurity")).findFirst().orElseThrow();
			assessments.resolveNeed(food.id(), "SNAP approved; pantry on Saturdays");
			assertThat(assessments.needs(patient)).filteredOn(n -> n.open()).extracting(n -> n.code())
				.containsExactly("interpersonal-safety");
			assertThat(assessments.suggestions(patient)).extracting(s -> s.code()).contains("food-insecurity");
		});
		// someone without a relationship to the patient sees nothing
		assertThatThrownBy(() -> actors.run("casemanager2", () -> assessments.ofPatient(patient)))
			.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void theClockExpiresForgottenAssessmentsAndReassessesWhileTheProblemIsActive() {
		UUID old = actors.as("casemanager", () -> assessments.assign(patient, caseId, "gad-7", today.minusDays(45)));
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.expire(today));
		assertThat(jdbc.sql("select status from assessment where id = ?").param(old).query(String.class).single())
			.isEqualTo("EXPIRED");
		// its task is cancelled, or was never made when the expiry was heard first: either way none is left open
		eventsHeard();
		assertThat(count("select count(*) from task where source = ? and status not in ('CANCELLED', 'COMPLETED')",
				"assessment:" + old)).isZero();

		actors.run("admin", () -> instruments.saveRule(program.id(), "phq-9", 90, List.of("F32", "F33"), "depression"));
		// no depression on record: nothing to give
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.reassess(today));
		assertThat(count("select count(*) from assessment where patient_id = ? and instrument_key = 'phq-9'", patient.value()))
			.isZero();
		// depression becomes an active problem on the care plan: the PHQ-9 is given, due today
		actors.run("casemanager", () -> {
			CarePlanView plan = plans.open(caseId);
			plans.save(plan.id(), plan.version(), new CarePlanContent(List.of(new CarePlanContent.Problem(UUID.randomUUID(),
					"Low mood since the bereavement", "http://hl7.org/fhir/sid/icd-10-cm", "F32.A", null,
					CarePlanContent.ProblemStatus.ACTIVE, null, Map.of())), List.of(), List.of(), List.of()), "Depression found");
		});
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.reassess(today));
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.reassess(today)); // a second run (another node) adds nothing
		List<UUID> given = jdbc.sql("""
				select id from assessment where patient_id = ? and instrument_key = 'phq-9' and status = 'ASSIGNED'""")
			.param(patient.value()).query(UUID.class).list();
		assertThat(given).hasSize(1);
		assertThat(jdbc.sql("select due_on from assessment where id = ?").param(given.get(0)).query(LocalDate.class).single())
			.isEqualTo(today);
		// once completed, the next is only assigned when 90 days (less 14 of lead time) have passed
		actors.run("casemanager", () -> {
			String[] pairs = new String[18];
			for (int i = 0; i < 9; i++) {
				pairs[2 * i] = "phq9-" + (i + 1);
				pairs[2 * i + 1] = "LA6569-3";
			}
			assessments.complete(given.get(0), Answers.single(pairs), Respondent.PATIENT, 0);
		});
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.reassess(today.plusDays(75)));
		assertThat(count("select count(*) from assessment where patient_id = ? and instrument_key = 'phq-9' and status = 'ASSIGNED'",
				patient.value())).isZero();
		SystemActor.run("test", List.of("SYSTEM"), () -> clock.reassess(today.plusDays(76)));
		assertThat(jdbc.sql("""
				select due_on from assessment where patient_id = ? and instrument_key = 'phq-9' and status = 'ASSIGNED'""")
			.param(patient.value()).query(LocalDate.class).single()).isEqualTo(today.plusDays(90));
	}

	@Test
	void anEditedDefinitionIsANewVersionAndABrokenOneIsRefused() {
		String shipped = InstrumentDefinitions.resource("instruments/gad-7.json");
		long before = count("select count(*) from instrument_version where key = 'gad-7'");
		UUID earlier = actors.as("casemanager", () -> assessments.assign(patient, caseId, "gad-7", today));
		actors.run("admin", () -> {
			assertThatThrownBy(() -> instruments.addVersion(shipped.replace("\"linkId\": \"gad7-1\"", "\"linkId\": \"gad7-2\""), "typo"))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("instrument.invalid"));
			assertThatThrownBy(() -> instruments.addVersion("{ not json", "broken"))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("instrument.invalid"));
			assertThatThrownBy(() -> instruments.addVersion(shipped, "same label"))
				.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("instrument.version-taken"));
		});
		assertThat(count("select count(*) from instrument_version where key = 'gad-7'")).isEqualTo(before);
		var edited = InstrumentDefinitions.parse(shipped, 1);
		String json = shipped.replaceFirst("\"version\": \"" + java.util.regex.Pattern.quote(edited.version()) + "\"",
				"\"version\": \"" + edited.version() + "-local\"");
		var stored = actors.as("admin", () -> instruments.addVersion(json, "Local wording review"));
		assertThat(stored.seq()).isEqualTo((int) before + 1);
		assertThat(instruments.current("gad-7").orElseThrow().seq()).isEqualTo(stored.seq());
		// the assessment assigned before keeps the version it was given; a new one gets the edit
		assertThat(actors.as("casemanager", () -> assessments.find(earlier).orElseThrow().instrumentSeq())).isLessThan(stored.seq());
		assertThatThrownBy(() -> actors.run("casemanager", () -> instruments.addVersion(json, "not an admin")))
			.isInstanceOf(AccessDeniedException.class);
	}
}
