package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.identity.ApiClients;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Tasks and hospital stays over the FHIR API, driven by HAPI's generic client with a system token: reads of demo
 * instances that validate against base R4, every search parameter compared with what the database holds, paging
 * by the next link, task status changes through the task list's rules (a refused change stores nothing),
 * refusals answered with an OperationOutcome, and reads audited under the client's name.
 */
class TaskEncounterFhirIT extends IntegrationTest {

	@Autowired ApiClients clients;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired Tasks tasks;

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static FhirValidator validator;

	private IGenericClient client;
	private ApiClients.Credentials ehr;
	private String token;

	private String base() {
		return "http://localhost:" + port + "/fhir";
	}

	@BeforeEach
	void setUp() throws Exception {
		ehr = Tokens.register(new Actors(users), clients, "Care coordination " + UUID.randomUUID(), "system/*.cruds");
		token = Tokens.accessToken(port, ehr, "system/*.cruds");
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		client = FHIR.newRestfulGenericClient(base());
		client.registerInterceptor(new BearerTokenAuthInterceptor(token));
	}

	@Test
	void theDemoOrganisationHoldsTasksAndEncounters() {
		assertThat(jdbc.sql("select count(*) from task").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from encounter").query(Long.class).single()).isPositive();
		assertThat(jdbc.sql("select count(*) from encounter where patient_class = 'E'").query(Long.class).single()).isPositive();
	}

	@Test
	void aTaskReadsAsAValidFhirTaskAndTheReadIsAudited() {
		Map<String, Object> row = jdbc.sql("""
				select t.id, t.patient_id, t.owner_user_id, t.title, t.status, t.priority, t.due_at, u.display_name
				from task t join user_account u on u.id = t.owner_user_id where t.due_at is not null limit 1""")
			.query().singleRow();
		String id = row.get("id").toString();
		Task task = client.read().resource(Task.class).withId(id).execute();
		assertThat(task.getIdElement().getIdPart()).isEqualTo(id);
		assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
		assertThat(task.getStatus().toCode()).isEqualTo(row.get("status").toString().toLowerCase().replace('_', '-'));
		assertThat(task.getPriority().toCode()).isEqualTo(row.get("priority").toString().toLowerCase());
		assertThat(task.getDescription()).isEqualTo(row.get("title"));
		assertThat(task.getFor().getReference()).isEqualTo("Patient/" + row.get("patient_id"));
		assertThat(task.getOwner().getReference()).isEqualTo("Practitioner/" + row.get("owner_user_id"));
		assertThat(task.getOwner().getDisplay()).isEqualTo(row.get("display_name"));
		assertThat(task.getRestriction().getPeriod().getEnd().toInstant())
			.isEqualTo(((java.sql.Timestamp) row.get("due_at")).toInstant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(task.getCode().getText()).isNotBlank();
		assertThat(task.getAuthoredOn()).isNotNull();
		assertThat(task.getLastModified()).isNotNull();
		assertThat(task.getMeta().getLastUpdated()).isNotNull();
		assertValid(task);
		assertThat(reads("Task", id)).isPositive();
	}

	@Test
	void taskSearchesFindWhatTheDatabaseHolds() throws Exception {
		long all = jdbc.sql("select count(*) from task where " + SHOWN).query(Long.class).single();
		Bundle first = client.search().forResource(Task.class).count(5).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) all);
		assertThat(ids(first)).hasSize(5);
		assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
		Bundle second = client.loadPage().next(first).execute();
		Set<String> both = new HashSet<>(ids(first));
		both.addAll(ids(second));
		assertThat(both).as("two pages, ten different tasks").hasSize(10);

		UUID owner = jdbc.sql("select owner_user_id from task where " + SHOWN + " and owner_user_id is not null limit 1").query(UUID.class).single();
		assertThat(allIds("Task?owner=Practitioner/" + owner))
			.isEqualTo(dbIds("select id from task where " + SHOWN + " and owner_user_id = ?", owner));
		assertThat(allIds("Task?status=ready"))
			.isEqualTo(dbIds("select id from task where " + SHOWN + " and status = 'READY'"));
		assertThat(allIds("Task?status=completed,cancelled"))
			.isEqualTo(dbIds("select id from task where " + SHOWN + " and status in ('COMPLETED', 'CANCELLED')"));
		UUID patient = jdbc.sql("select patient_id from task limit 1").query(UUID.class).single();
		// a patient's Tasks: the care tasks and the fulfilment of the patient's community referrals (same ids)
		Set<String> ofPatient = dbIds("select id from task where " + SHOWN + " and patient_id = ? union all "
				+ "select id from community_referral where patient_id = ?", patient, patient);
		assertThat(allIds("Task?patient=Patient/" + patient)).isEqualTo(ofPatient).isNotEmpty();
		assertThat(allIds("Task?subject=" + patient)).isEqualTo(ofPatient);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant from = now.minus(1, ChronoUnit.DAYS);
		Instant to = now.plus(1, ChronoUnit.DAYS);
		Set<String> due = dbIds("select id from task where " + SHOWN + " and due_at >= ? and due_at <= ?", time(from), time(to));
		assertThat(due).isNotEmpty();
		assertThat(allIds("Task?period=ge" + from + "&period=le" + to)).isEqualTo(due);
		Instant changed = jdbc.sql("select max(coalesce(updated_at, created_at)) from task").query(OffsetDateTime.class)
			.single().toInstant().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		assertThat(allIds("Task?_lastUpdated=ge" + changed))
			.isEqualTo(dbIds("select id from task where " + SHOWN + " and coalesce(updated_at, created_at) >= ?", time(changed)));
		assertThat(allIds("Task?status=draft")).isEmpty();
	}

	@Test
	void statusChangesGoThroughTheTaskListsRulesAndARefusedOneStoresNothing() {
		Map<String, Object> demo = jdbc.sql("select patient_id, owner_user_id from task where owner_user_id is not null limit 1")
			.query().singleRow();
		TaskId id = SystemActor.call("test", List.of("SYSTEM"), () -> tasks.create(new NewTask(
				new PatientId((UUID) demo.get("patient_id")), null, TaskType.OUTREACH_CALL, "Call about the new inhaler",
				null, new UserId((UUID) demo.get("owner_user_id")), null, TaskPriority.URGENT, null,
				Instant.now().plus(2, ChronoUnit.DAYS), null)));
		String taskId = id.toString();

		// completing without saying what was done is refused by the task list, and nothing changes
		Task task = client.read().resource(Task.class).withId(taskId).execute();
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.READY);
		long steps = steps(id);
		task.setStatus(Task.TaskStatus.COMPLETED);
		assertRefused(() -> client.update().resource(task).execute(), 422);
		assertThat(status(id)).isEqualTo("READY");
		assertThat(steps(id)).isEqualTo(steps);

		// only the status may change here
		Task reprioritised = client.read().resource(Task.class).withId(taskId).execute();
		reprioritised.setPriority(Task.TaskPriority.ROUTINE);
		assertRefused(() -> client.update().resource(reprioritised).execute(), 422);
		Task draft = client.read().resource(Task.class).withId(taskId).execute();
		draft.setStatus(Task.TaskStatus.DRAFT);
		assertRefused(() -> client.update().resource(draft).execute(), 422);
		assertThat(status(id)).isEqualTo("READY");
		assertThat(steps(id)).isEqualTo(steps);

		Task started = client.read().resource(Task.class).withId(taskId).execute();
		started.setStatus(Task.TaskStatus.INPROGRESS);
		var outcome = client.update().resource(started).execute();
		assertThat(((Task) outcome.getResource()).getStatus()).isEqualTo(Task.TaskStatus.INPROGRESS);
		assertThat(status(id)).isEqualTo("IN_PROGRESS");

		Task done = client.read().resource(Task.class).withId(taskId).execute();
		done.setStatus(Task.TaskStatus.COMPLETED);
		done.setStatusReason(new CodeableConcept().setText("Reached by phone; inhaler technique reviewed"));
		client.update().resource(done).execute();
		assertThat(status(id)).isEqualTo("COMPLETED");
		assertThat(jdbc.sql("select outcome from task where id = ?").param(id.value()).query(String.class).single())
			.isEqualTo("Reached by phone; inhaler technique reviewed");
		Task completed = client.read().resource(Task.class).withId(taskId).execute();
		assertThat(completed.getExecutionPeriod().getEnd()).isNotNull();
		assertThat(completed.getOutputFirstRep().getValue().primitiveValue()).isEqualTo("Reached by phone; inhaler technique reviewed");
		assertValid(completed);

		// a closed task cannot be reopened
		long closedSteps = steps(id);
		completed.setStatus(Task.TaskStatus.READY);
		completed.setStatusReason(new CodeableConcept().setText("Patient called back"));
		assertRefused(() -> client.update().resource(completed).execute(), 422);
		assertThat(status(id)).isEqualTo("COMPLETED");
		assertThat(steps(id)).isEqualTo(closedSteps);
		assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'COMPLETE' and resource_id = ?")
			.params("system:api:" + ehr.clientId(), taskId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anEncounterReadsAsAValidUsCoreEncounterAndTheReadIsAudited() {
		Map<String, Object> row = jdbc.sql("""
				select id, patient_id, visit_number, patient_class, admitted_at, discharged_at, facility from encounter
				where visit_number is not null and discharged_at is not null and patient_class = 'I' limit 1""")
			.query().singleRow();
		String id = row.get("id").toString();
		Encounter e = client.read().resource(Encounter.class).withId(id).execute();
		assertThat(e.getMeta().getProfile().get(0).getValue()).endsWith("us-core-encounter");
		assertThat(e.getIdentifierFirstRep().getValue()).isEqualTo(row.get("visit_number"));
		assertThat(e.getIdentifierFirstRep().getSystem()).isNotBlank();
		assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
		assertThat(e.getClass_().getCode()).isEqualTo("IMP");
		assertThat(e.getTypeFirstRep().getText()).isEqualTo("Inpatient stay");
		assertThat(e.getSubject().getReference()).isEqualTo("Patient/" + row.get("patient_id"));
		assertThat(e.getPeriod().getStart().toInstant())
			.isEqualTo(((java.sql.Timestamp) row.get("admitted_at")).toInstant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(e.getPeriod().getEnd().toInstant())
			.isEqualTo(((java.sql.Timestamp) row.get("discharged_at")).toInstant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(e.getServiceProvider().getDisplay()).isEqualTo(row.get("facility"));
		assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("home");
		assertValid(e);
		assertThat(reads("Encounter", id)).isPositive();

		String ed = jdbc.sql("select id from encounter where patient_class = 'E' limit 1").query(UUID.class).single().toString();
		Encounter visit = client.read().resource(Encounter.class).withId(ed).execute();
		assertThat(visit.getClass_().getCode()).isEqualTo("EMER");
		assertThat(visit.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("4525004");
		assertValid(visit);
	}

	@Test
	void encounterSearchesFindWhatTheDatabaseHolds() throws Exception {
		long all = jdbc.sql("select count(*) from encounter").query(Long.class).single();
		Bundle first = client.search().forResource(Encounter.class).count(3).returnBundle(Bundle.class).execute();
		assertThat(first.getTotal()).isEqualTo((int) all);
		assertThat(first.getEntry()).hasSize(3);
		Bundle second = client.loadPage().next(first).execute();
		Set<String> both = new HashSet<>(ids(first));
		both.addAll(ids(second));
		assertThat(both).as("two pages, six different encounters").hasSize(6);

		UUID patient = jdbc.sql("select patient_id from encounter limit 1").query(UUID.class).single();
		Set<String> ofPatient = dbIds("select id from encounter where patient_id = ?", patient);
		assertThat(allIds("Encounter?patient=" + patient)).isEqualTo(ofPatient).isNotEmpty();
		assertThat(allIds("Encounter?subject=Patient/" + patient)).isEqualTo(ofPatient);
		assertThat(allIds("Encounter?class=EMER")).isEqualTo(dbIds("select id from encounter where patient_class = 'E'"));
		assertThat(allIds("Encounter?class=http://terminology.hl7.org/CodeSystem/v3-ActCode|IMP"))
			.isEqualTo(dbIds("select id from encounter where patient_class in ('I', 'B')"));
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant from = now.minus(10, ChronoUnit.DAYS);
		Instant to = now.minus(4, ChronoUnit.DAYS);
		Set<String> overlapping = dbIds("""
				select id from encounter where (discharged_at is null or discharged_at >= ?)
				and coalesce(admitted_at, created_at) <= ?""", time(from), time(to));
		assertThat(overlapping).isNotEmpty();
		assertThat(allIds("Encounter?date=ge" + from + "&date=le" + to)).isEqualTo(overlapping);
		Instant changed = jdbc.sql("select min(coalesce(updated_at, created_at)) from encounter").query(OffsetDateTime.class)
			.single().toInstant().truncatedTo(ChronoUnit.SECONDS);
		assertThat(allIds("Encounter?_lastUpdated=ge" + changed))
			.isEqualTo(dbIds("select id from encounter where coalesce(updated_at, created_at) >= ?", time(changed)));
		assertThat(allIds("Encounter?class=HH")).isEmpty();
	}

	@Test
	void refusalsAreOperationOutcomes() throws Exception {
		assertThatThrownBy(() -> client.read().resource(Task.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Task.class).withId("not-a-uuid").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Encounter.class).withId(UUID.randomUUID().toString()).execute())
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> client.read().resource(Encounter.class).withId("not-a-uuid").execute())
			.isInstanceOf(ResourceNotFoundException.class);
		for (String bad : List.of("Task?status=finished-maybe", "Task?owner=Organization/" + UUID.randomUUID(),
				"Task?patient=abc", "Task?period=tomorrow", "Encounter?date=yesterday", "Encounter?patient=abc",
				"Encounter?class=")) {
			HttpResponse<String> answer = get(bad);
			assertThat(answer.statusCode()).as(bad).isEqualTo(400);
			assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, answer.body()).getIssueFirstRep()
				.getDiagnostics()).as(bad).isNotBlank();
		}
		Task unknown = new Task();
		unknown.setId(UUID.randomUUID().toString());
		unknown.setStatus(Task.TaskStatus.CANCELLED);
		unknown.setIntent(Task.TaskIntent.ORDER);
		assertThatThrownBy(() -> client.update().resource(unknown).execute()).isInstanceOf(ResourceNotFoundException.class);
	}

	private HttpResponse<String> get(String pathAndQuery) throws Exception {
		int q = pathAndQuery.indexOf('?');
		StringBuilder query = new StringBuilder();
		for (String pair : pathAndQuery.substring(q + 1).split("&")) {
			int eq = pair.indexOf('=');
			if (query.length() > 0) query.append('&');
			query.append(pair, 0, eq + 1).append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/" + pathAndQuery.substring(0, q)
				+ "?" + query)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The ids a search finds, over every page. */
	private Set<String> allIds(String search) throws Exception {
		String separator = search.contains("?") ? "&" : "?";
		HttpResponse<String> answer = get(search + separator + "_count=500");
		assertThat(answer.statusCode()).as(search + ": " + answer.body()).isEqualTo(200);
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
		Set<String> ids = new HashSet<>(ids(bundle));
		while (bundle.getLink(Bundle.LINK_NEXT) != null) {
			bundle = client.loadPage().next(bundle).execute();
			ids.addAll(ids(bundle));
		}
		return ids;
	}

	/** The tasks a system without a consent sees: none of a case in a 42 CFR Part 2 program. */
	private static final String SHOWN = "(case_id is null or case_id not in (select c.id from care_case c join program p "
			+ "on p.id = c.program_id where p.confidentiality = 'PART2'))";

	private static List<String> ids(Bundle bundle) {
		List<String> ids = new ArrayList<>();
		for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
			// an outcome entry (Part 2 tasks withheld) is not a match
			if (e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME) ids.add(e.getResource().getIdElement().getIdPart());
		}
		return ids;
	}

	private Set<String> dbIds(String sql, Object... params) {
		return new HashSet<>(jdbc.sql(sql).params(params).query((rs, n) -> rs.getString(1)).list());
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC);
	}

	private long reads(String type, String id) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and action = 'READ' and resource_type = ? and resource_id = ?")
			.params("system:api:" + ehr.clientId(), type, id).query(Long.class).single();
	}

	private String status(TaskId id) {
		return jdbc.sql("select status from task where id = ?").param(id.value()).query(String.class).single();
	}

	private long steps(TaskId id) {
		return jdbc.sql("select count(*) from task_step where task_id = ?").param(id.value()).query(Long.class).single();
	}

	private static void assertRefused(Runnable call, int status) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(BaseServerResponseException.class,
				ex -> assertThat(ex.getStatusCode()).isEqualTo(status));
	}

	private static void assertValid(Resource resource) {
		List<SingleValidationMessage> errors = validator().validateWithResult((IBaseResource) resource).getMessages()
			.stream()
			.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
			.toList();
		assertThat(errors).as(FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource)).isEmpty();
	}

	private static synchronized FhirValidator validator() {
		if (validator == null) {
			ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
					new SnapshotGeneratingValidationSupport(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
					new CommonCodeSystemsTerminologyService(FHIR));
			FhirInstanceValidator instance = new FhirInstanceValidator(support);
			instance.setErrorForUnknownProfiles(false);
			instance.setNoTerminologyChecks(false);
			validator = FHIR.newValidator().registerValidatorModule(instance);
		}
		return validator;
	}
}
