package org.caremap.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.OrganizationId;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Today;
import org.caremap.task.NewTask;
import org.caremap.task.TaskId;
import org.caremap.task.TaskPriority;
import org.caremap.task.TaskType;
import org.caremap.task.Tasks;
import org.caremap.task.TimeSpent;
import org.caremap.identity.ApiClients;
import org.caremap.shared.UserId;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ChargeItem;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A month's worksheet from the work itself: contacts and a completed task's time become work items (once each), the
 * worksheet shows a billable and a non-billable patient with why, the supervisor signs it off, the database then
 * refuses changes, a correction is a new version, and the CSV carries the codes.
 */
class WorksheetIT extends IntegrationTest {

	@Autowired Worksheets worksheets;
	@Autowired Programs programs;
	@Autowired ProviderDirectory providers;
	@Autowired Organizations organizations;
	@Autowired PatientRegistry registry;
	@Autowired Cases cases;
	@Autowired CarePlans plans;
	@Autowired Contacts contacts;
	@Autowired Tasks tasks;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired ApiClients clients;
	@Autowired org.springframework.context.ApplicationContext context;

	@Test
	void onlyTheProgramsSupervisorsSeeAndSignItsWorksheets() {
		BillingFixtures f = new BillingFixtures(context);
		PatientId patient = f.patient("Vasquez" + f.unique);
		CaseId caseId = f.enrol(patient);
		f.log(patient, caseId, 21, f.recent(60));
		f.awaitWork(caseId, 1);
		UUID sheet = f.actors.as("supervisor", () -> worksheets.generate(f.program.id(), f.month)).get(0).id();
		String other = "sup.other." + f.unique;
		SystemActor.run("test", List.of("ADMIN"), () -> accounts.create(new org.caremap.identity.NewUser(other,
				"Odile Other " + f.unique, null, Set.of(org.caremap.identity.Role.SUPERVISOR), "Other-supervisor-" + f.unique + "-pw!", false)));

		// a supervisor of other programs: the worksheet is not in her list, and opening, signing or generating it is refused
		assertThat(f.actors.as(other, () -> worksheets.list(f.month))).extracting(WorksheetSummary::id).doesNotContain(sheet);
		assertThatThrownBy(() -> f.actors.run(other, () -> worksheets.find(sheet)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		assertThatThrownBy(() -> f.actors.run(other, () -> worksheets.sign(sheet)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		assertThatThrownBy(() -> f.actors.run(other, () -> worksheets.generate(f.program.id(), f.month)))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		// the program's own supervisor: in her list, and she signs it off
		assertThat(f.actors.as("supervisor", () -> worksheets.list(f.month))).extracting(WorksheetSummary::id).contains(sheet);
		assertThat(f.actors.as("supervisor", () -> worksheets.sign(sheet)).status()).isEqualTo(WorksheetSummary.Status.SIGNED);
	}

	@Test
	void generateSignLockCorrectAndExport() throws Exception {
		Actors actors = new Actors(users);
		OrganizationId org = organizations.primary().orElseThrow().id();
		String unique = UUID.randomUUID().toString().substring(0, 6);
		ProgramView program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org, new ProgramDefinition(
				"Billing test " + unique, ProgramType.CHRONIC_CARE_MANAGEMENT, "", "", 30, Confidentiality.STANDARD, true)));
		ProviderView doctor = SystemActor.call("test", List.of("SYSTEM"), () -> providers.add(org, new ProviderView(
				UUID.randomUUID(), ProviderView.Kind.PRACTITIONER, "Dr. Ada Billing " + unique, "Family medicine", null, null, null)));
		UserId priya = accounts.findByUsername("supervisor").orElseThrow().id();
		SystemActor.run("test", List.of("ADMIN"), () -> programs.assignSupervisors(program.id(), Set.of(priya)));
		actors.run("supervisor", () -> worksheets.configureProgram(program.id(), doctor.id(), false));
		YearMonth month = YearMonth.from(Today.date());

		PatientId billable = Actors.newPatient(registry, org, "Billable" + unique);
		PatientId shortOf = Actors.newPatient(registry, org, "Short" + unique);
		CaseId billableCase = enrol(actors, billable, program);
		CaseId shortCase = enrol(actors, shortOf, program);
		// not before the month began in the organisation's zone (a run in a month's first minutes)
		Instant now = java.util.Collections.max(List.of(Instant.now(), month.atDay(1).atStartOfDay(Today.ZONE).toInstant().plusSeconds(120)));
		UUID first = log(actors, billable, billableCase, 25, now.minusSeconds(120));
		log(actors, billable, billableCase, 5, now.minusSeconds(60));
		log(actors, shortOf, shortCase, 15, now.minusSeconds(60));
		// a task completed with its time: 12 minutes of medication reconciliation
		TaskId task = actors.as("casemanager", () -> tasks.create(new NewTask(billable, billableCase,
				TaskType.MEDICATION_RECONCILIATION, "Reconcile medications", null,
				accounts.findByUsername("casemanager").orElseThrow().id(), null, TaskPriority.ROUTINE, null, null, null)));
		actors.run("casemanager", () -> tasks.complete(task, "Reconciled",
				new TimeSpent(12, TimeSpent.Whose.CLINICAL_STAFF, TimeSpent.WorkKind.MEDICATION_RECONCILIATION)));
		Eventually.until("the work items to be recorded", () -> workItems(billableCase) == 3 && workItems(shortCase) == 1);
		assertThat(jdbc.sql("select minutes from billing_work_item where source_kind = 'TASK' and source_id = ?")
			.param(task.value()).query(Integer.class).single()).isEqualTo(12);
		assertThat(jdbc.sql("select count(*) from billing_work_item where source_id = ?").param(first)
			.query(Long.class).single()).isEqualTo(1);

		// only supervisors use billing
		assertThatThrownBy(() -> actors.run("casemanager", () -> worksheets.generate(program.id(), month)))
			.isInstanceOf(AccessDeniedException.class);

		List<WorksheetSummary> generated = actors.as("supervisor", () -> worksheets.generate(program.id(), month));
		assertThat(generated).hasSize(1);
		WorksheetSummary draft = generated.get(0);
		assertThat(draft.status()).isEqualTo(WorksheetSummary.Status.DRAFT);
		assertThat(draft.version()).isEqualTo(1);
		assertThat(draft.patients()).isEqualTo(2);
		assertThat(draft.billablePatients()).isEqualTo(1);
		assertThat(draft.clinicalMinutes()).isEqualTo(57);
		WorksheetView view = actors.as("supervisor", () -> worksheets.find(draft.id())).orElseThrow();
		WorksheetView.Line paid = line(view, billableCase);
		assertThat(paid.billable()).isTrue();
		assertThat(paid.clinicalMinutes()).isEqualTo(42);
		assertThat(paid.codes()).extracting(c -> c.code() + "x" + c.units()).containsExactly("99490x1", "99439x1");
		assertThat(paid.work()).hasSize(3);
		assertThat(paid.patientName()).startsWith("Billable" + unique);
		WorksheetView.Line unpaid = line(view, shortCase);
		assertThat(unpaid.billable()).isFalse();
		assertThat(unpaid.reasons()).extracting(r -> r.key() + r.args())
			.contains("billing.reason.shortClinical[99490, 15, 20, 5]");

		// the decision making entered on the draft: recorded for the month, the worksheet recalculated (42 minutes are
		// short of complex CCM's 60, and the line says so)
		WorksheetView withMdm = actors.as("supervisor", () -> worksheets.recordDecisionMaking(draft.id(), billableCase,
				DecisionMaking.MODERATE));
		assertThat(line(withMdm, billableCase).decisionMaking()).isEqualTo(DecisionMaking.MODERATE);
		assertThat(line(withMdm, billableCase).reasons()).extracting(r -> r.key() + r.args())
			.contains("billing.reason.complexShort[42, 60, 18]");
		assertThat(line(withMdm, billableCase).codes()).extracting(WorksheetView.Code::code).containsExactly("99490", "99439");
		assertThat(actors.as("supervisor", () -> worksheets.programBilling())).anyMatch(b -> b.program().equals(program.id())
				&& b.practitioner().equals(doctor.id()) && !b.bhiEnabled());

		// a regenerated draft is rewritten in place
		assertThat(actors.as("supervisor", () -> worksheets.generate(program.id(), month))).extracting(WorksheetSummary::id)
			.containsExactly(draft.id());

		WorksheetSummary signed = actors.as("supervisor", () -> worksheets.sign(draft.id()));
		assertThat(signed.status()).isEqualTo(WorksheetSummary.Status.SIGNED);
		assertThat(signed.signedBy()).isEqualTo("Priya Raman, RN");
		assertThat(signed.signedAt()).isNotNull();

		// the signed codes as FHIR ChargeItems, valid against base R4
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials reader = Tokens.register(actors, clients, "Billing reader " + unique, "system/*.rs");
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, reader, "system/*.rs")));
		Bundle charges = client.search().forResource(ChargeItem.class)
			.where(ChargeItem.PATIENT.hasId(billable.value().toString())).returnBundle(Bundle.class).execute();
		List<ChargeItem> items = charges.getEntry().stream().map(e -> (ChargeItem) e.getResource()).toList();
		assertThat(items).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "x" + c.getQuantity().getValue().intValue())
			.containsExactlyInAnyOrder("99490x1", "99439x1");
		ChargeItem read = client.read().resource(ChargeItem.class).withId(items.get(0).getIdElement().getIdPart()).execute();
		assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + billable.value());
		assertThat(read.getStatus()).isEqualTo(ChargeItem.ChargeItemStatus.BILLABLE);
		FhirValidator r4 = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
				new InMemoryTerminologyServerValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir))));
		List<String> errors = new java.util.ArrayList<>();
		for (ChargeItem item : items) {
			for (SingleValidationMessage m : r4.validateWithResult(item).getMessages()) {
				if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
					errors.add(m.getLocationString() + ": " + m.getMessage());
				}
			}
		}
		assertThat(errors).as("R4 validation errors").isEmpty();
		assertThat(client.search().forResource(ChargeItem.class).where(ChargeItem.PATIENT.hasId(shortOf.value().toString()))
			.returnBundle(Bundle.class).execute().getEntry()).isEmpty();

		// signed: the database refuses changes, whoever asks
		assertThatThrownBy(() -> jdbc.sql("update billing_worksheet set billable_patients = 2 where id = ?")
			.param(draft.id()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("update billing_worksheet set status = 'DRAFT', signed_at = null, signed_by = null where id = ?")
			.param(draft.id()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("cannot move");
		assertThatThrownBy(() -> jdbc.sql("update billing_worksheet_line set billable = true where worksheet_id = ?")
			.param(draft.id()).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("delete from billing_worksheet_code where line_id in (select id from billing_worksheet_line where worksheet_id = ?)")
			.param(draft.id()).update()).isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("delete from billing_worksheet where id = ?").param(draft.id()).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> actors.run("supervisor", () -> worksheets.sign(draft.id())))
			.hasMessageContaining("signed off");
		assertThatThrownBy(() -> actors.run("supervisor", () -> worksheets.recordDecisionMaking(draft.id(), billableCase,
				DecisionMaking.HIGH))).hasMessageContaining("signed off");
		// generating again leaves the signed worksheet alone
		assertThat(actors.as("supervisor", () -> worksheets.generate(program.id(), month))).isEmpty();

		// more work, then a correction: a new version, the signed one superseded
		log(actors, shortOf, shortCase, 6, now.plusSeconds(1).isAfter(Instant.now()) ? now : Instant.now().minusSeconds(30));
		Eventually.until("the new work item", () -> workItems(shortCase) == 2);
		WorksheetSummary corrected = actors.as("supervisor", () -> worksheets.correct(draft.id(), "Late contact note"));
		assertThat(corrected.version()).isEqualTo(2);
		assertThat(corrected.status()).isEqualTo(WorksheetSummary.Status.DRAFT);
		assertThat(corrected.billablePatients()).isEqualTo(2);
		assertThat(corrected.correctionReason()).isEqualTo("Late contact note");
		assertThat(actors.as("supervisor", () -> worksheets.find(draft.id())).orElseThrow().summary().status())
			.isEqualTo(WorksheetSummary.Status.SUPERSEDED);
		assertThat(jdbc.sql("select supersedes from billing_worksheet where id = ?").param(corrected.id())
			.query(UUID.class).single()).isEqualTo(draft.id());

		// the superseded version's charges are no longer served
		assertThat(client.search().forResource(ChargeItem.class).where(ChargeItem.PATIENT.hasId(billable.value().toString()))
			.returnBundle(Bundle.class).execute().getEntry()).isEmpty();

		String csv = actors.as("supervisor", () -> worksheets.csv(corrected.id(), Locale.ENGLISH));
		assertThat(csv.lines().findFirst().orElseThrow()).startsWith("program,practitioner,month,version");
		assertThat(csv).contains("Billable" + unique).contains(",99490,1,").contains(",99439,1,").contains(",2,DRAFT,");
	}

	@Test
	void theTimeSpentIsEnteredOnceWhenCompletingATaskOnMyDayOrThroughFhir() throws Exception {
		BillingFixtures f = new BillingFixtures(context);
		PatientId patient = f.patient("Timed" + f.unique);
		CaseId caseId = f.enrol(patient);
		UserId dana = f.user("casemanager");
		TaskId wrong = f.actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Write the care conference note", null, dana, null, TaskPriority.ROUTINE, null, null, null)));
		TaskId task = f.actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Call the cardiology office", null, dana, null, TaskPriority.ROUTINE, null, null, null)));
		var dana1 = staffClient("casemanager");
		dana1.get("/myday");
		// minutes without whose time or the kind of work, or out of range: refused in words, the task stays open
		dana1.post("/tasks/" + wrong.value() + "/complete", java.util.Map.of("outcome", "Note written", "minutesSpent", "0",
				"timeOf", "CLINICAL_STAFF", "workKind", "NOTE_WRITING"));
		dana1.post("/tasks/" + wrong.value() + "/complete", java.util.Map.of("outcome", "Note written", "minutesSpent", "15",
				"timeOf", "", "workKind", "NOTE_WRITING"));
		assertThat(jdbc.sql("select status from task where id = ?").param(wrong.value()).query(String.class).single())
			.isNotEqualTo("COMPLETED");
		dana1.get("/myday");
		dana1.post("/tasks/" + task.value() + "/complete", java.util.Map.of("outcome", "Spoke to the nurse", "minutesSpent",
				"18", "timeOf", "PHYSICIAN", "workKind", "COORDINATION_PROVIDERS"));
		assertThat(jdbc.sql("select status from task where id = ?").param(task.value()).query(String.class).single())
			.isEqualTo("COMPLETED");
		f.awaitWork(caseId, 1);
		assertThat(jdbc.sql("select minutes || ' ' || staff || ' ' || work_kind from billing_work_item where source_id = ?")
			.param(task.value()).query(String.class).single()).isEqualTo("18 PHYSICIAN COORDINATION_PROVIDERS");
		// a task completed without time adds nothing
		dana1.get("/myday");
		dana1.post("/tasks/" + wrong.value() + "/complete", java.util.Map.of("outcome", "Note written"));
		assertThat(jdbc.sql("select status from task where id = ?").param(wrong.value()).query(String.class).single())
			.isEqualTo("COMPLETED");
		assertThat(f.workItems(caseId)).isEqualTo(1);

		// through FHIR: a Task completed with the time-spent extension (a bad one is refused and nothing changes)
		TaskId viaFhir = f.actors.as("casemanager", () -> tasks.create(new NewTask(patient, caseId, TaskType.OTHER,
				"Request the prior authorization", null, dana, null, TaskPriority.ROUTINE, null, null, null)));
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		ApiClients.Credentials ehr = Tokens.register(f.actors, clients, "Billing EHR " + f.unique, "system/*.cruds");
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		client.registerInterceptor(new BearerTokenAuthInterceptor(Tokens.accessToken(port, ehr, "system/*.cruds")));
		org.hl7.fhir.r4.model.Task bad = client.read().resource(org.hl7.fhir.r4.model.Task.class).withId(viaFhir.toString()).execute();
		bad.setStatus(org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED);
		bad.setStatusReason(new org.hl7.fhir.r4.model.CodeableConcept().setText("Faxed the request"));
		org.hl7.fhir.r4.model.Extension badTime = bad.addExtension().setUrl("https://caremap.org/fhir/StructureDefinition/time-spent");
		badTime.addExtension("minutes", new org.hl7.fhir.r4.model.IntegerType(700));
		badTime.addExtension("whose", new org.hl7.fhir.r4.model.CodeType("CLINICAL_STAFF"));
		badTime.addExtension("kind", new org.hl7.fhir.r4.model.CodeType("AUTHORIZATION"));
		assertThatThrownBy(() -> client.update().resource(bad).execute())
			.isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class);
		assertThat(jdbc.sql("select status from task where id = ?").param(viaFhir.value()).query(String.class).single())
			.isNotEqualTo("COMPLETED");
		org.hl7.fhir.r4.model.Task good = client.read().resource(org.hl7.fhir.r4.model.Task.class).withId(viaFhir.toString()).execute();
		good.setStatus(org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED);
		good.setStatusReason(new org.hl7.fhir.r4.model.CodeableConcept().setText("Faxed the request"));
		org.hl7.fhir.r4.model.Extension goodTime = good.addExtension().setUrl("https://caremap.org/fhir/StructureDefinition/time-spent");
		goodTime.addExtension("minutes", new org.hl7.fhir.r4.model.IntegerType(9));
		goodTime.addExtension("whose", new org.hl7.fhir.r4.model.CodeType("CLINICAL_STAFF"));
		goodTime.addExtension("kind", new org.hl7.fhir.r4.model.CodeType("AUTHORIZATION"));
		client.update().resource(good).execute();
		f.awaitWork(caseId, 2);
		assertThat(jdbc.sql("select minutes || ' ' || staff || ' ' || work_kind from billing_work_item where source_id = ?")
			.param(viaFhir.value()).query(String.class).single()).isEqualTo("9 CLINICAL_STAFF AUTHORIZATION");
	}

	private CaseId enrol(Actors actors, PatientId patient, ProgramView program) {
		CaseId id = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date().withDayOfMonth(1),
				new Consent(Today.date().withDayOfMonth(1), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true),
				Acuity.MODERATE, "billing test")));
		actors.run("casemanager", () -> {
			CarePlanView plan = plans.open(id);
			plans.applyTemplate(plan.id(), plan.version(), plans.templates().get(0).key());
		});
		return id;
	}

	private UUID log(Actors actors, PatientId patient, CaseId caseId, int minutes, Instant at) {
		return actors.as("casemanager", () -> contacts.log(new NewContact(patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, at, minutes,
				ContactKinds.StaffKind.CLINICAL_STAFF, "Check-in", List.of())));
	}

	private long workItems(CaseId caseId) {
		return jdbc.sql("select count(*) from billing_work_item where case_id = ?").param(caseId.value()).query(Long.class).single();
	}

	private static WorksheetView.Line line(WorksheetView view, CaseId caseId) {
		return view.lines().stream().filter(l -> l.caseId().equals(caseId)).findFirst().orElseThrow();
	}
}
