package org.caremap.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.caremap.caseload.Cases;
import org.caremap.identity.ApiClients;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.FhirHttp;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Tokens;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Community referrals over FHIR: the referral is a ServiceRequest and its fulfilment a Task (Gravity's shapes), read
 * and searched by patient beside the other ServiceRequests and Tasks, valid against base R4 and US Core 6.1.0; a
 * system with a write token moves the Task (accepted, then completed with the outcome in output), which closes the loop
 * like the organisation's link (the need is met); a move the table refuses or a change of owner is an OperationOutcome.
 */
class CommunityReferralFhirIT extends IntegrationTest {

	@Autowired CommunityReferrals referrals;
	@Autowired ApiClients clients;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	@Test
	void aReferralIsAServiceRequestWithATaskThatASystemMovesToCompleted() throws Exception {
		Actors actors = new Actors(users);
		CommunityFixtures.Patient p = CommunityFixtures.patient(actors, patients, organizations, programs, cases, accounts, jdbc,
				"Fhirwalk", "Complex care");
		UUID service = CommunityFixtures.service(jdbc, "Fhir Pantry", "fhir-pantry@example.org");
		UUID id = actors.as("casemanager", () -> referrals.send(CommunityFixtures.referral(p, service, null)));
		ApiClients.Credentials cbo = Tokens.register(actors, clients, "Community platform " + UUID.randomUUID(), "system/*.cruds");
		FhirHttp fhir = new FhirHttp(port, Tokens.accessToken(port, cbo, "system/*.cruds"));
		FhirContext ctx = FhirContext.forR4Cached();

		HttpResponse<String> sr = fhir.get("/fhir/ServiceRequest/" + id);
		assertThat(sr.statusCode()).as(sr.body()).isEqualTo(200);
		ServiceRequest request = ctx.newJsonParser().parseResource(ServiceRequest.class, sr.body());
		assertThat(request.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
		assertThat(request.getPerformerFirstRep().getReference()).startsWith("Organization/");
		assertThat(request.getCategory()).anyMatch(c -> c.getCodingFirstRep().getCode().equals("food-insecurity")
				|| c.getCoding().stream().anyMatch(x -> "food-insecurity".equals(x.getCode())));
		assertThat(request.getReasonCodeFirstRep().getText()).isEqualTo("Food insecurity");

		HttpResponse<String> t = fhir.get("/fhir/Task/" + id);
		assertThat(t.statusCode()).as(t.body()).isEqualTo(200);
		Task task = ctx.newJsonParser().parseResource(Task.class, t.body());
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
		assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("fulfill");
		assertThat(task.getFocus().getReference()).isEqualTo("ServiceRequest/" + id);

		// searched by patient beside the rest
		Bundle tasks = ctx.newJsonParser().parseResource(Bundle.class, fhir.get("/fhir/Task?patient=Patient/" + p.id().value() + "&_count=50").body());
		assertThat(tasks.getEntry()).anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(id.toString()));
		Bundle requests = ctx.newJsonParser().parseResource(Bundle.class,
				fhir.get("/fhir/ServiceRequest?patient=Patient/" + p.id().value()).body());
		assertThat(requests.getEntry()).anyMatch(e -> e.getResource().getIdElement().getIdPart().equals(id.toString()));

		// valid against base R4 and US Core
		ValidationSupportChain base = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
				new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
				new SnapshotGeneratingValidationSupport(ctx));
		NpmPackageValidationSupport usCore = new NpmPackageValidationSupport(ctx);
		usCore.loadPackageFromClasspath("classpath:fhir/us_core_610.tgz");
		ValidationSupportChain withUsCore = new ValidationSupportChain(usCore,
				new DefaultProfileValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx),
				new InMemoryTerminologyServerValidationSupport(ctx), new SnapshotGeneratingValidationSupport(ctx));
		List<String> errors = new ArrayList<>();
		for (FhirValidator validator : List.of(ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(base)),
				ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(withUsCore)))) {
			for (Resource r : List.<Resource>of(request, task)) {
				for (SingleValidationMessage m : validator.validateWithResult(r).getMessages()) {
					System.out.println("[validation] " + m.getSeverity() + " " + r.fhirType() + " " + m.getLocationString() + ": " + m.getMessage());
					if (m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL) {
						errors.add(r.fhirType() + " " + m.getLocationString() + ": " + m.getMessage());
					}
				}
			}
		}
		assertThat(errors).isEmpty();

		// a system moves the Task: accepted
		task.setStatus(Task.TaskStatus.ACCEPTED);
		HttpResponse<String> accepted = fhir.put("/fhir/Task/" + id, ctx.newJsonParser().encodeResourceToString(task));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(jdbc.sql("select status from community_referral where id = ?").param(id).query(String.class).single()).isEqualTo("ACCEPTED");

		// back to requested: the table refuses it, as an OperationOutcome
		task.setStatus(Task.TaskStatus.REQUESTED);
		HttpResponse<String> back = fhir.put("/fhir/Task/" + id, ctx.newJsonParser().encodeResourceToString(task));
		assertThat(back.statusCode()).isEqualTo(422);
		assertThat(back.body()).contains("OperationOutcome");

		// another owner: refused
		task.setStatus(Task.TaskStatus.COMPLETED);
		task.getOwner().setReference("Organization/" + UUID.randomUUID());
		assertThat(fhir.put("/fhir/Task/" + id, ctx.newJsonParser().encodeResourceToString(task)).statusCode()).isEqualTo(422);

		// completed with its outcome: the loop closes
		Task done = ctx.newJsonParser().parseResource(Task.class, fhir.get("/fhir/Task/" + id).body());
		done.setStatus(Task.TaskStatus.COMPLETED);
		done.addOutput().setType(new org.hl7.fhir.r4.model.CodeableConcept().setText("outcome"))
			.setValue(new org.hl7.fhir.r4.model.CodeableConcept(new org.hl7.fhir.r4.model.Coding(
					"https://caremap.org/fhir/CodeSystem/community-referral-outcome", "service-delivered", "Service delivered")));
		HttpResponse<String> completed = fhir.put("/fhir/Task/" + id, ctx.newJsonParser().encodeResourceToString(done));
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(jdbc.sql("select status || ' ' || outcome from community_referral where id = ?").param(id).query(String.class).single())
			.isEqualTo("COMPLETED SERVICE_DELIVERED");
		assertThat(jdbc.sql("select actor_kind from community_referral_history where referral_id = ? order by at desc limit 1")
			.param(id).query(String.class).single()).isEqualTo("SYSTEM");
		Eventually.until("the need is met", () -> "RESOLVED".equals(jdbc.sql("select status from social_need where id = ?")
			.param(p.need()).query(String.class).single()));
	}
}
