package org.caremap.careplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.support.Today;
import org.caremap.identity.ApiClients;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Care plans, goals, questionnaires and questionnaire responses over the FHIR API with HAPI's generic client and a
 * system token: reads of demo instances that validate against base R4, every search parameter compared with the
 * database, paging with next links, refusals as OperationOutcomes, audited reads, and a response posted by another
 * system that the assessment module scores.
 */
class CarePlanAssessmentFhirIT extends IntegrationTest {

	private static final String PHQ9 = "https://caremap.org/fhir/Questionnaire/phq-9";
	private static final String[] FREQUENCY = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private final FhirContext fhir = FhirContext.forR4Cached();
	private IGenericClient client;
	private ApiClients.Credentials ehr;
	private String token;

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "EHR " + UUID.randomUUID(), "system/*.cruds");
		token = Tokens.accessToken(port, ehr, "system/*.cruds");
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = fhir.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
	}

	private String base() {
		return "http://localhost:" + port + "/fhir";
	}

	@Test
	void carePlansAreReadSearchedAndPaged() throws Exception {
		long plans = jdbc.sql("select count(*) from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan").query(Long.class).single();
		assertThat(plans).as("the demo organisation holds care plans").isGreaterThanOrEqualTo(3);
		UUID planId = jdbc.sql("select p.id from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version"
				+ " where jsonb_array_length(v.content -> 'goals') > 0 order by p.created_at limit 1").query(UUID.class).single();
		UUID patient = jdbc.sql("select patient_id from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan where id = ?").param(planId).query(UUID.class).single();
		int version = jdbc.sql("select current_version from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan where id = ?").param(planId).query(Integer.class).single();
		int goals = jdbc.sql("select jsonb_array_length(v.content -> 'goals') from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) p join care_plan_version v"
				+ " on v.plan_id = p.id and v.version = p.current_version where p.id = ?").param(planId).query(Integer.class).single();
		int interventions = jdbc.sql("select jsonb_array_length(v.content -> 'interventions') from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) p join care_plan_version v"
				+ " on v.plan_id = p.id and v.version = p.current_version where p.id = ?").param(planId).query(Integer.class).single();

		CarePlan plan = client.read().resource(CarePlan.class).withId(planId.toString()).execute();
		assertThat(plan.getMeta().getProfile().get(0).getValue()).endsWith("us-core-careplan");
		assertThat(plan.getMeta().getVersionId()).isEqualTo(Integer.toString(version));
		assertThat(plan.getStatus()).isEqualTo(CarePlan.CarePlanStatus.ACTIVE);
		assertThat(plan.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PLAN);
		assertThat(plan.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("assess-plan");
		assertThat(plan.getSubject().getReference()).isEqualTo("Patient/" + patient);
		assertThat(plan.getGoal()).hasSize(goals);
		assertThat(plan.getActivity()).hasSize(interventions);
		assertThat(plan.getActivity()).allSatisfy(a -> assertThat(a.getDetail().getStatus()).isNotNull());
		assertThat(plan.getAuthor().getReference()).startsWith("Practitioner/");
		assertThat(plan.getText().getDivAsString()).contains("Goals", "Interventions");
		assertValid(plan);

		Bundle ofPatient = client.search().forResource(CarePlan.class).where(new ReferenceClientParam("subject").hasId("Patient/" + patient))
			.returnBundle(Bundle.class).execute();
		assertThat(ids(ofPatient)).containsExactlyInAnyOrderElementsOf(
				jdbc.sql("select id::text from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan where patient_id = ?").param(patient).query(String.class).list());
		Bundle viaPatient = client.search().forResource(CarePlan.class).where(new ReferenceClientParam("patient").hasId(patient.toString()))
			.returnBundle(Bundle.class).execute();
		assertThat(ids(viaPatient)).isEqualTo(ids(ofPatient));

		long active = jdbc.sql("select count(*) from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) p join care_plan_version v on v.plan_id = p.id and v.version = p.current_version"
				+ " where p.status = 'ACTIVE' and jsonb_array_length(v.content -> 'goals') + jsonb_array_length(v.content -> 'problems')"
				+ " + jsonb_array_length(v.content -> 'interventions') + jsonb_array_length(v.content -> 'barriers') > 0")
			.query(Long.class).single();
		assertThat(client.search().forResource(CarePlan.class).where(new TokenClientParam("status").exactly().code("active"))
			.returnBundle(Bundle.class).execute().getTotal()).isEqualTo((int) active);
		assertThat(client.search().forResource(CarePlan.class).where(new TokenClientParam("status").exactly().code("completed"))
			.returnBundle(Bundle.class).execute().getTotal())
			.isEqualTo(jdbc.sql("select count(*) from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan where status = 'COMPLETED'").query(Long.class).single().intValue());

		String since = Today.date().minusDays(2).toString();
		Bundle recent = search("CarePlan?_lastUpdated=ge" + since);
		assertThat(recent.getTotal()).isEqualTo(jdbc.sql("select count(*) from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) care_plan where coalesce(updated_at, created_at) >= ?::date")
			.param(since).query(Long.class).single().intValue());
		assertThat(search("CarePlan?_lastUpdated=lt2000-01-01").getTotal()).isZero();

		Bundle first = client.search().forResource(CarePlan.class).count(2).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) plans);
		assertThat(ids(first)).hasSize(2);
		Bundle second = client.loadPage().next(first).execute();
		Set<String> seen = new HashSet<>(ids(first));
		seen.addAll(ids(second));
		assertThat(seen).as("two pages, four different plans").hasSize(4);

		assertThat(audited("CarePlan", planId.toString())).isGreaterThanOrEqualTo(2);
		assertThatThrownBy(() -> client.read().resource(CarePlan.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(CarePlan.class).withId("not-a-uuid").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertBadRequest("CarePlan?status=sideways");
	}

	@Test
	void goalsAreReadSearchedAndPaged() throws Exception {
		record Row(UUID plan, UUID patient, UUID goal, String lifecycle) {
		}
		List<Row> rows = jdbc.sql("""
				select p.id, p.patient_id, (g ->> 'id')::uuid, g ->> 'lifecycle' from (select * from care_plan where case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) p
				join care_plan_version v on v.plan_id = p.id and v.version = p.current_version
				cross join lateral jsonb_array_elements(v.content -> 'goals') g""")
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getString(4)))
			.list();
		assertThat(rows).as("the demo organisation holds goals").hasSizeGreaterThanOrEqualTo(4);
		UUID withProgress = jdbc.sql("select goal_id from goal_progress order by recorded_at limit 1").query(UUID.class).single();
		Row row = rows.stream().filter(r -> r.goal().equals(withProgress)).findFirst().orElseThrow();

		Goal goal = client.read().resource(Goal.class).withId(withProgress.toString()).execute();
		assertThat(goal.getMeta().getProfile().get(0).getValue()).endsWith("us-core-goal");
		assertThat(goal.getLifecycleStatus().toCode()).isEqualTo(row.lifecycle().toLowerCase().replace('_', '-'));
		assertThat(goal.getAchievementStatus().getCodingFirstRep().getCode()).isEqualTo(jdbc.sql(
				"select lower(replace(achievement, '_', '-')) from goal_progress where goal_id = ? order by recorded_at desc limit 1")
			.param(withProgress).query(String.class).single());
		assertThat(goal.getDescription().getText()).isNotBlank();
		assertThat(goal.getSubject().getReference()).isEqualTo("Patient/" + row.patient());
		assertThat(goal.getTargetFirstRep().getDetailStringType().getValue()).isNotBlank();
		assertThat(goal.getNote()).isNotEmpty();
		assertThat(goal.hasStartDateType()).isTrue();
		assertValid(goal);
		assertThat(audited("Goal", withProgress.toString())).isGreaterThanOrEqualTo(1);

		Bundle ofPatient = search("Goal?patient=Patient/" + row.patient() + "&_count=100");
		assertThat(ids(ofPatient)).containsExactlyInAnyOrderElementsOf(
				rows.stream().filter(r -> r.patient().equals(row.patient())).map(r -> r.goal().toString()).toList());
		assertThat(ids(search("Goal?subject=" + row.patient() + "&_count=100"))).isEqualTo(ids(ofPatient));
		String lifecycle = row.lifecycle().toLowerCase().replace('_', '-');
		assertThat(search("Goal?lifecycle-status=" + lifecycle).getTotal())
			.isEqualTo((int) rows.stream().filter(r -> r.lifecycle().equals(row.lifecycle())).count());
		assertThat(search("Goal?lifecycle-status=" + ("cancelled".equals(lifecycle) ? "active" : "cancelled")).getTotal())
			.isEqualTo((int) rows.stream().filter(r -> !r.lifecycle().equals(row.lifecycle())
					&& r.lifecycle().equals("cancelled".equals(lifecycle) ? "ACTIVE" : "CANCELLED")).count());

		Bundle first = client.search().forResource(Goal.class).count(3).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo(rows.size());
		Bundle second = client.loadPage().next(first).execute();
		Set<String> seen = new HashSet<>(ids(first));
		seen.addAll(ids(second));
		assertThat(seen).hasSize(Math.min(6, rows.size()));

		assertThatThrownBy(() -> client.read().resource(Goal.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Goal.class).withId("goal-1").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertBadRequest("Goal?lifecycle-status=dreaming");
	}

	@Test
	void questionnairesAreTheInstrumentsWithoutTheirScoringRules() throws Exception {
		Questionnaire phq9 = client.read().resource(Questionnaire.class).withId("phq-9-v1").execute();
		assertThat(phq9.getUrl()).isEqualTo(PHQ9);
		assertThat(phq9.getVersion()).isEqualTo("1.0.0");
		assertThat(phq9.getStatus().toCode()).isEqualTo("active");
		assertThat(phq9.getItem()).anySatisfy(i -> assertThat(i.getLinkId()).isEqualTo("phq9-9"));
		assertThat(phq9.getItem()).anySatisfy(i -> {
			assertThat(i.getLinkId()).isEqualTo("scores");
			assertThat(i.getItemFirstRep().getLinkId()).isEqualTo("score-total");
			assertThat(i.getItemFirstRep().getReadOnly()).isTrue();
		});
		assertValid(phq9);
		HttpResponse<String> raw = get("Questionnaire/phq-9-v1");
		assertThat(raw.statusCode()).isEqualTo(200);
		assertThat(raw.body()).doesNotContain("\"scoring\"").contains("\"id\":\"phq-9-v1\"");

		long versions = jdbc.sql("select count(*) from instrument_version").query(Long.class).single();
		long keys = jdbc.sql("select count(distinct key) from instrument_version").query(Long.class).single();
		assertThat(search("Questionnaire?url=" + enc(PHQ9)).getTotal())
			.isEqualTo(jdbc.sql("select count(*) from instrument_version where key = 'phq-9'").query(Long.class).single().intValue());
		assertThat(titles(search("Questionnaire?title=patient%20health"))).containsExactlyInAnyOrderElementsOf(jdbc.sql(
				"select title from instrument_version where lower(title) like 'patient health%'").query(String.class).list());
		assertThat(search("Questionnaire?name=PHQ").getEntry()).extracting(e -> ((Questionnaire) e.getResource()).getName())
			.containsExactlyInAnyOrder("PHQ2", "PHQ9");
		assertThat(search("Questionnaire?status=active").getTotal()).isEqualTo((int) keys);
		assertThat(search("Questionnaire?status=retired").getTotal()).isEqualTo((int) (versions - keys));

		Bundle first = client.search().forResource(Questionnaire.class).count(4).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) versions);
		Bundle second = client.loadPage().next(first).execute();
		Set<String> seen = new HashSet<>(ids(first));
		seen.addAll(ids(second));
		assertThat(seen).hasSize(8);

		assertThatThrownBy(() -> client.read().resource(Questionnaire.class).withId("phq-9-v99").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Questionnaire.class).withId("no-such-thing").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertBadRequest("Questionnaire?status=unheard-of");
	}

	@Test
	void responsesCarryTheAnswersAndTheScoresCaremapComputed() throws Exception {
		record Row(UUID id, UUID patient, java.math.BigDecimal total) {
		}
		Row row = jdbc.sql("select id, patient_id, total from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where status = 'COMPLETED' and instrument_key = 'phq-9'"
				+ " order by completed_at limit 1")
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBigDecimal(3))).single();
		QuestionnaireResponse qr = client.read().resource(QuestionnaireResponse.class).withId(row.id().toString()).execute();
		assertThat(qr.getQuestionnaire()).isEqualTo(PHQ9 + "|1.0.0");
		assertThat(qr.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		assertThat(qr.getSubject().getReference()).isEqualTo("Patient/" + row.patient());
		assertThat(qr.hasAuthored()).isTrue();
		assertThat(answer(qr, "phq9-1").getValueCoding().getSystem()).isEqualTo("http://loinc.org");
		assertThat(score(qr)).isEqualByComparingTo(row.total());
		assertValid(qr);
		assertThat(audited("Assessment", row.id().toString())).isGreaterThanOrEqualTo(1);

		String answered = "(status in ('COMPLETED', 'IN_PROGRESS') or (status in ('EXPIRED', 'CANCELLED') and started_at is not null))";
		assertThat(ids(search("QuestionnaireResponse?patient=Patient/" + row.patient() + "&_count=100")))
			.containsExactlyInAnyOrderElementsOf(jdbc.sql("select id::text from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where patient_id = ? and " + answered)
				.param(row.patient()).query(String.class).list());
		assertThat(search("QuestionnaireResponse?subject=" + row.patient()).getTotal())
			.isEqualTo(jdbc.sql("select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where patient_id = ? and " + answered).param(row.patient())
				.query(Long.class).single().intValue());
		int phq9 = jdbc.sql("select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where instrument_key = 'phq-9' and " + answered).query(Long.class)
			.single().intValue();
		assertThat(search("QuestionnaireResponse?questionnaire=" + enc(PHQ9 + "|1.0.0")).getTotal()).isEqualTo(phq9);
		assertThat(search("QuestionnaireResponse?questionnaire=Questionnaire/phq-9-v1").getTotal()).isEqualTo(phq9);
		assertThat(search("QuestionnaireResponse?status=completed").getTotal())
			.isEqualTo(jdbc.sql("select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where status = 'COMPLETED'").query(Long.class).single().intValue());
		String since = Today.date().minusDays(30).toString();
		assertThat(search("QuestionnaireResponse?authored=ge" + since).getTotal()).isEqualTo(jdbc.sql(
				"select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where " + answered
						+ " and coalesce(completed_at, updated_at, started_at, assigned_at) >= ?::date")
			.param(since).query(Long.class).single().intValue());

		Bundle first = client.search().forResource(QuestionnaireResponse.class).count(5).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo(jdbc.sql("select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where " + answered).query(Long.class)
			.single().intValue());
		Bundle second = client.loadPage().next(first).execute();
		Set<String> seen = new HashSet<>(ids(first));
		seen.addAll(ids(second));
		assertThat(seen).hasSize(10);

		assertThatThrownBy(() -> client.read().resource(QuestionnaireResponse.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(QuestionnaireResponse.class).withId("x").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertBadRequest("QuestionnaireResponse?authored=lately");
	}

	@Test
	void aPostedResponseIsScoredByTheAssessmentModule() {
		UUID patient = jdbc.sql("""
				select c.patient_id from care_case c where c.status = 'ACTIVE' and not exists (select 1 from (select * from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) a
				  where a.patient_id = c.patient_id and a.instrument_key = 'phq-9' and a.status in ('ASSIGNED', 'IN_PROGRESS'))
				order by c.patient_id limit 1""").query(UUID.class).single();
		long before = assessments(patient);

		// part way first: the assessment is started and stays open
		QuestionnaireResponse partWay = phq9(patient, new int[] { 2, 2, 2 });
		partWay.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
		var started = client.create().resource(partWay).execute();
		String id = started.getId().getIdPart();
		assertThat(jdbc.sql("select status from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where id = ?").param(UUID.fromString(id)).query(String.class).single())
			.isEqualTo("IN_PROGRESS");

		// answers that do not fit are refused with the reason, and nothing changes
		QuestionnaireResponse unknownQuestion = phq9(patient, new int[] { 2, 2, 2, 2, 2, 1, 2, 1, 0 });
		unknownQuestion.addItem().setLinkId("phq9-42").addAnswer().setValue(new Coding("http://loinc.org", "LA6568-5", null));
		assertThatThrownBy(() -> client.create().resource(unknownQuestion).execute())
			.isInstanceOfSatisfying(UnprocessableEntityException.class, ex -> assertThat(ex.getMessage()).contains("phq9-42"));
		QuestionnaireResponse unknownAnswer = phq9(patient, new int[] { 2, 2, 2, 2, 2, 1, 2, 1, 0 });
		unknownAnswer.getItem().get(0).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA0000-0", null));
		assertThatThrownBy(() -> client.create().resource(unknownAnswer).execute())
			.isInstanceOfSatisfying(UnprocessableEntityException.class, ex -> assertThat(ex.getMessage()).contains("phq9-1"));
		assertThat(assessments(patient)).isEqualTo(before + 1);
		assertThat(jdbc.sql("select status from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where id = ?").param(UUID.fromString(id)).query(String.class).single())
			.isEqualTo("IN_PROGRESS");

		// the completed response completes the open assessment: 2+2+2+2+2+1+2+1+0 = 14, moderate
		var done = client.create().resource(phq9(patient, new int[] { 2, 2, 2, 2, 2, 1, 2, 1, 0 })).execute();
		assertThat(done.getId().getIdPart()).isEqualTo(id);
		assertThat(assessments(patient)).isEqualTo(before + 1);
		var stored = jdbc.sql("select status, total, band_label, case_id is not null from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where id = ?")
			.param(UUID.fromString(id)).query((rs, n) -> List.of(rs.getString(1), rs.getBigDecimal(2).intValue(),
					rs.getString(3), rs.getBoolean(4))).single();
		assertThat(stored).containsExactly("COMPLETED", 14, "Moderate", true);
		QuestionnaireResponse read = client.read().resource(QuestionnaireResponse.class).withId(id).execute();
		assertThat(read.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		assertThat(score(read)).isEqualByComparingTo("14");
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'COMPLETE' and resource_id = ?")
			.params("system:api:" + ehr.clientId(), id).query(Long.class).single()).isEqualTo(1);

		// with nothing open, a new assessment is started and completed at once
		var again = client.create().resource(phq9(patient, new int[] { 0, 0, 1, 0, 0, 0, 0, 0, 0 })).execute();
		assertThat(again.getId().getIdPart()).isNotEqualTo(id);
		assertThat(score((QuestionnaireResponse) again.getResource())).isEqualByComparingTo("1");
		assertThat(assessments(patient)).isEqualTo(before + 2);

		QuestionnaireResponse nobody = phq9(UUID.randomUUID(), new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		assertThatThrownBy(() -> client.create().resource(nobody).execute()).isInstanceOf(UnprocessableEntityException.class);
		QuestionnaireResponse unknownForm = phq9(patient, new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		unknownForm.setQuestionnaire("https://example.org/Questionnaire/none");
		assertThatThrownBy(() -> client.create().resource(unknownForm).execute()).isInstanceOf(UnprocessableEntityException.class);
		assertThat(assessments(patient)).isEqualTo(before + 2);
	}

	private long assessments(UUID patient) {
		return jdbc.sql("select count(*) from (select * from assessment where case_id is null or case_id not in (select c.id from care_case c join program pr on pr.id = c.program_id where pr.confidentiality = 'PART2')) assessment where patient_id = ?").param(patient).query(Long.class).single();
	}

	private static QuestionnaireResponse phq9(UUID patient, int[] answers) {
		QuestionnaireResponse qr = new QuestionnaireResponse();
		qr.setQuestionnaire(PHQ9 + "|1.0.0");
		qr.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
		qr.setSubject(new Reference("Patient/" + patient));
		qr.setSource(new Reference("Patient/" + patient));
		qr.setAuthored(new java.util.Date());
		for (int i = 0; i < answers.length; i++) {
			qr.addItem().setLinkId("phq9-" + (i + 1)).addAnswer()
				.setValue(new Coding("http://loinc.org", FREQUENCY[answers[i]], null));
		}
		return qr;
	}

	private static QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer(QuestionnaireResponse qr, String linkId) {
		return qr.getItem().stream().filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow().getAnswerFirstRep();
	}

	private static java.math.BigDecimal score(QuestionnaireResponse qr) {
		return qr.getItem().stream().filter(i -> i.getLinkId().equals("scores")).findFirst().orElseThrow().getItem().stream()
			.filter(i -> i.getLinkId().equals("score-total")).findFirst().orElseThrow().getAnswerFirstRep().getValueDecimalType()
			.getValue();
	}

	private long audited(String type, String id) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and action = 'READ' and resource_type = ? and resource_id = ?")
			.params("system:api:" + ehr.clientId(), type, id).query(Long.class).single();
	}

	private Bundle search(String query) throws Exception {
		HttpResponse<String> response = get(query);
		assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
		return fhir.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private void assertBadRequest(String query) throws Exception {
		HttpResponse<String> response = get(query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(fhir.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep().getDiagnostics())
			.isNotBlank();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/" + path))
			.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static List<String> ids(Bundle bundle) {
		// an outcome entry (Part 2 resources withheld) is not a match
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
			.map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static List<String> titles(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> ((Questionnaire) e.getResource()).getTitle()).toList();
	}

	/** Base R4 finds no error (US Core itself is not loaded here, so its profiles are only named). */
	private void assertValid(Resource resource) {
		ValidationSupportChain support = new ValidationSupportChain(fhir.getValidationSupport(),
				new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir));
		FhirValidator validator = fhir.newValidator();
		FhirInstanceValidator instance = new FhirInstanceValidator(support);
		instance.setNoTerminologyChecks(false);
		validator.registerValidatorModule(instance);
		IBaseResource copy = fhir.newJsonParser().parseResource(fhir.newJsonParser().encodeResourceToString(resource));
		List<SingleValidationMessage> errors = validator.validateWithResult(copy).getMessages().stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.filter(m -> !m.getMessage().contains("us-core"))
			.toList();
		assertThat(errors).as(resource.fhirType() + " validates against base R4").isEmpty();
	}
}
