package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.demo.DemoLogins;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.Browserless;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.support.Mllp;
import org.caremap.task.TaskId;
import org.caremap.task.TrackedTransition;
import org.caremap.task.internal.Discharges.Discharge;
import org.caremap.task.TrackedTransition.DecisionMaking;
import org.caremap.task.TrackedTransition.State;
import org.caremap.task.TransitionTracker;
import org.caremap.transition.internal.MllpPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The transitions tracker end to end over real parts: a discharge of an enrolled patient arrives over MLLP, the
 * case manager's attempt and call, a visit booked and kept, a reconciliation signed and the clinician's decision
 * making fill its steps with their evidence, and the TCM line names the code; the tracker's pages for the case
 * manager and the supervisor; the clocks pausing while the case is on hold; a readmission ending the period.
 */
class TransitionTrackerIT extends IntegrationTest {

	@Autowired ApplicationContext context;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired Contacts contacts;
	@Autowired TransitionWork work;
	@Autowired TransitionTracker tracker;
	@Autowired JdbcClient jdbc;
	@Autowired UserDetailsService users;
	@Autowired DemoLogins demo;

	private ZoneId zone() {
		return organizations.calendar(organizations.primary().orElseThrow().id()).zone();
	}

	private String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private Discharge discharged(String family) throws Exception {
		return new Discharges(context).discharged(family);
	}

	private TaskId task(UUID encounter, String kind) {
		return new TaskId(jdbc.sql("select id from task where source = ?").param("transition:" + encounter + ":" + kind)
			.query(UUID.class).single());
	}

	private String taskStatus(UUID encounter, String kind) {
		return jdbc.sql("select status from task where source = ?").param("transition:" + encounter + ":" + kind)
			.query(String.class).single();
	}

	private TrackedTransition track(Discharge d) {
		return new Actors(users).as("casemanager", () -> tracker.of(d.patient(), d.encounter()).orElseThrow());
	}

	@Test
	void eachStepIsMetWithItsEvidenceAndTheTcmLineNamesTheCode() throws Exception {
		Discharge d = discharged("Tracked");
		Actors actors = new Actors(users);
		TrackedTransition start = track(d);
		assertThat(start.steps()).extracting(TrackedTransition.Step::state).containsExactly(State.PENDING, State.PENDING, State.PENDING);
		assertThat(start.tcm().periodEnd()).isEqualTo(d.dischargedAt().atZone(zone()).toLocalDate().plusDays(29));
		assertThat(start.tcm().code()).isNull();

		// an unanswered call is an attempt: the call task stays open
		TaskId call = task(d.encounter(), "contact");
		Instant now = Instant.now();
		actors.run("casemanager", () -> contacts.log(new NewContact(d.patient(), d.caseId(), ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.NO_ANSWER, now.minusSeconds(600),
				2, ContactKinds.StaffKind.CLINICAL_STAFF, "no answer", List.of(call))));
		assertThat(taskStatus(d.encounter(), "contact")).isNotEqualTo("COMPLETED");
		TrackedTransition attempted = track(d);
		assertThat(attempted.tcm().attempts()).isEqualTo(1);
		assertThat(attempted.step("CONTACT").state()).isEqualTo(State.PENDING);
		assertThat(attempted.step("CONTACT").note()).contains("1 attempt");
		// the call that reached her meets the step, at the time of the call
		Instant reached = now.minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
		actors.run("casemanager", () -> contacts.log(new NewContact(d.patient(), d.caseId(), ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, reached, 12,
				ContactKinds.StaffKind.CLINICAL_STAFF, "home, feeling better", List.of(call))));
		assertThat(taskStatus(d.encounter(), "contact")).isEqualTo("COMPLETED");

		// a visit booked, then kept; the reconciliation signed before it
		UUID appointment = UUID.randomUUID();
		SystemActor.run("test", List.of("SYSTEM"),
				() -> work.visitBooked(d.patient(), appointment, now.plusSeconds(1800), "Dr Lee, Riverside clinic"));
		TrackedTransition booked = track(d);
		assertThat(booked.step("VISIT").state()).isEqualTo(State.BOOKED);
		assertThat(booked.step("VISIT").note()).isEqualTo("Dr Lee, Riverside clinic");
		SystemActor.run("test", List.of("SYSTEM"), () -> work.stepMet(d.patient(), TransitionWork.Step.RECONCILIATION, now,
				"Reconciliation signed by Dana Whitfield: 2 discrepancies decided"));
		SystemActor.run("test", List.of("SYSTEM"), () -> work.stepMet(d.patient(), TransitionWork.Step.VISIT, now.plusSeconds(1800),
				"Visit with Dr Lee: arrived"));
		assertThat(taskStatus(d.encounter(), "medrec")).isEqualTo("COMPLETED");
		assertThat(taskStatus(d.encounter(), "visit")).isEqualTo("COMPLETED");
		// the same evidence again changes nothing
		SystemActor.run("test", List.of("SYSTEM"), () -> work.stepMet(d.patient(), TransitionWork.Step.VISIT, now.plusSeconds(7200),
				"another visit"));

		actors.run("casemanager", () -> tracker.recordDecisionMaking(d.patient(), d.encounter(), DecisionMaking.HIGH));
		TrackedTransition done = track(d);
		assertThat(done.steps()).extracting(TrackedTransition.Step::state).containsExactly(State.MET, State.MET, State.MET);
		assertThat(done.step("CONTACT").metAt()).isEqualTo(reached);
		assertThat(done.step("CONTACT").evidence()).contains("home, feeling better");
		assertThat(done.step("RECONCILIATION").evidence()).contains("2 discrepancies");
		assertThat(done.step("VISIT").evidence()).isEqualTo("Visit with Dr Lee: arrived");
		assertThat(done.tcm().decisionMaking()).isEqualTo(DecisionMaking.HIGH);
		assertThat(done.tcm().visitDay()).isBetween(0, 1);
		assertThat(done.tcm().code()).isEqualTo("99496");
		assertThat(done.tcm().reasons()).isEmpty();

		// the pages: the case manager's list and the discharge's tracker; the supervisor's timeliness
		String name = SystemActor.call("test", List.of("SYSTEM"), () -> patients.headers(List.of(d.patient())).get(d.patient()).displayName());
		Browserless dana = client();
		dana.login("casemanager", demo.password("casemanager").orElseThrow());
		var mine = dana.get("/transitions/mine");
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(mine.body()).contains(name).contains("/patients/" + d.patient().value() + "/transitions/" + d.encounter());
		var page = dana.get("/patients/" + d.patient().value() + "/transitions/" + d.encounter());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("The evidence supports 99496.").contains("Visit with Dr Lee: arrived")
			.contains("High complexity");
		assertThat(dana.get("/transitions/timeliness").statusCode()).isEqualTo(403);
		Browserless supervisor = client();
		supervisor.login("supervisor", demo.password("supervisor").orElseThrow());
		var timeliness = supervisor.get("/transitions/timeliness");
		assertThat(timeliness.statusCode()).isEqualTo(200);
		assertThat(timeliness.body()).contains("Dana Whitfield").contains("All case managers");
	}

	@Test
	void theClocksPauseWhileTheCaseIsOnHoldAndAReadmissionEndsThePeriod() throws Exception {
		Discharge d = discharged("Paused");
		Actors actors = new Actors(users);
		Instant dueBefore = jdbc.sql("select contact_due from care_transition where encounter_id = ?").param(d.encounter())
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
		actors.run("casemanager", () -> cases.hold(d.caseId(), "in rehab for a week", null));
		TrackedTransition held = track(d);
		assertThat(held.pausedSince()).isNotNull();
		assertThat(held.steps()).extracting(TrackedTransition.Step::state).containsOnly(State.PAUSED);
		Thread.sleep(1500);
		actors.run("casemanager", () -> cases.resume(d.caseId(), "home again"));
		Instant dueAfter = jdbc.sql("select contact_due from care_transition where encounter_id = ?").param(d.encounter())
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
		assertThat(dueAfter).isAfter(dueBefore.plusMillis(1400));
		Instant taskDue = jdbc.sql("select due_at from task where source = ?").param("transition:" + d.encounter() + ":contact")
			.query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
		assertThat(taskDue).isEqualTo(dueAfter);
		assertThat(track(d).pausedSince()).isNull();

		// back in hospital: the period ends, its open work is cancelled, the tracker says why
		ZonedDateTime in = ZonedDateTime.now(zone()).minusMinutes(5).truncatedTo(ChronoUnit.MINUTES);
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
		String visit = "R-" + UUID.randomUUID().toString().substring(0, 8);
		String a01 = "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|" + hl7.format(in) + "||ADT^A01|" + visit + "|P|2.5.1\r"
				+ "EVN|A01|" + hl7.format(in) + "\rPID|1||" + mrn(d.patient()) + "^^^Test Hospital^MR||TEST^PATIENT||19500517|F\r"
				+ "PV1|1|I|5E^501^1^RGH|E|||||||||||||||" + visit + "\r";
		assertThat(Mllp.code(Mllp.send(MllpPort.of(context), a01))).isEqualTo("AA");
		Eventually.until("the period ended by the readmission", () -> "ENDED".equals(jdbc
			.sql("select status from care_transition where encounter_id = ?").param(d.encounter()).query(String.class).single()));
		assertThat(taskStatus(d.encounter(), "contact")).isEqualTo("CANCELLED");
		assertThat(taskStatus(d.encounter(), "visit")).isEqualTo("CANCELLED");
		TrackedTransition ended = track(d);
		assertThat(ended.readmittedAt()).isNotNull();
		assertThat(ended.step("VISIT").state()).isEqualTo(State.CANCELLED);
		assertThat(ended.tcm().readmittedOn()).isEqualTo(in.toLocalDate());
	}
}
