package org.caremap.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.caremap.assessment.Answers;
import org.caremap.assessment.Assessments;
import org.caremap.assessment.Respondent;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.transition.AdtInbox;
import org.caremap.transition.PatientDischarged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The event paths between modules, each as a scenario: a stimulus in one module's transaction, then the state the
 * listeners of other modules reach after it committed (nothing of it is done by the publisher).
 * <ul>
 * <li>a hospital discharge of a patient in care management (transition) becomes the three transition tasks (task) and
 * an alert to the case manager (notification); the work of a discharge published again after a restart is done
 * once;</li>
 * <li>a PHQ-9 with item 9 positive (assessment) becomes a STAT safety follow-up (task) and an urgent alert
 * (notification);</li>
 * <li>a case opened for a case manager (caseload) becomes her notification (notification).</li>
 * </ul>
 * The scenarios run in the whole application, with the demo organisation's people.
 */
@EnableScenarios
class EventPathsIT extends IntegrationTest {

	private static final Duration WAIT = Duration.ofMinutes(1);

	@Autowired AdtInbox inbox;
	@Autowired Assessments assessments;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired IncompleteEventPublications incomplete;

	Actors actors;
	UserId dana;
	ZoneId zone;
	LocalDate today;

	@BeforeEach
	void setUp() {
		actors = new Actors(users);
		dana = accounts.findByUsername("casemanager").orElseThrow().id();
		zone = organizations.primary().orElseThrow().zone();
		today = LocalDate.now(zone);
	}

	private PatientId patient(String family) {
		return Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
	}

	private CaseId enrol(PatientId patient, Acuity acuity) {
		return actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, programs.active().get(0).id(), null, dana,
				today.minusDays(10), new Consent(today.minusDays(10), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true,
						true), acuity, "test")));
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private String mrn(PatientId patient) {
		return jdbc.sql("select value from patient_identifier where patient_id = ? and type = 'MR'").param(patient.value())
			.query(String.class).single();
	}

	private static String adt(String event, String control, String pid3, String pv1) {
		return "MSH|^~\\&|EPIC|RIVERSIDE GENERAL|CAREMAP|RCP|20261120103000||ADT^" + event + "|" + control + "|P|2.5.1\r"
				+ "EVN|" + event + "|20261120103000\r" + "PID|1||" + pid3 + "||TEST^PATIENT||19500517|F\r" + pv1;
	}

	@Test
	void aDischargeBecomesTheTransitionTasksAndAnAlertAndIsDoneOnceWhenPublishedAgain(Scenario scenario) {
		PatientId patient = patient("Scenario-Discharge");
		enrol(patient, Acuity.HIGH);
		String visit = "V-" + UUID.randomUUID().toString().substring(0, 8);
		String pid3 = mrn(patient) + "^^^Test Hospital^MR";
		DateTimeFormatter hl7 = DateTimeFormatter.ofPattern("yyyyMMdd");
		String pv1 = "PV1|1|I|4W^401^1^RGH|E|||||||||||||||" + visit + "|||||||||||||||||01||||||||"
				+ hl7.format(today.minusDays(4)) + "0800|" + hl7.format(today.minusDays(1)) + "1400\r";

		scenario.stimulate(() -> inbox.receive(adt("A03", "D-" + visit, pid3, pv1).getBytes(StandardCharsets.UTF_8),
				AdtInbox.Channel.MLLP))
			.andWaitAtMost(WAIT)
			.andWaitForStateChange(() -> List.of(
					count("select count(*) from task where patient_id = ? and source like 'transition:%' and status = 'READY'",
							patient.value()),
					count("select count(*) from notification where recipient_id = ? and category = 'transition.discharged' and link = ?",
							dana.value(), "/patients/" + patient + "/tasks")),
					seen -> seen.get(0) == 3 && seen.get(1) == 1)
			.andVerify((seen, ack) -> {
				assertThat(ack.code()).isEqualTo("AA");
				// a high-acuity case: the visit within 7 days, owned by the case manager
				assertThat(jdbc.sql("select title from task where patient_id = ? and source like 'transition:%:visit'")
					.param(patient.value()).query(String.class).single()).contains("7 days");
				assertThat(count("select count(*) from task where patient_id = ? and source like 'transition:%' and owner_user_id = ?",
						patient.value(), dana.value())).isEqualTo(3);
			});

		// a node died before the task module's work on the discharge was recorded as done: published again (as on the
		// next start), it makes nothing twice
		Map<String, Object> done = Eventually.value("the discharge's publication to the task module completed", () -> jdbc.sql("""
				select listener_id, serialized_event, completion_date from event_publication
				where event_type = ? and listener_id like '%TransitionWork%' and serialized_event like ?""")
			.params(PatientDischarged.class.getName(), "%" + patient.value() + "%").query().singleRow(),
				row -> row.get("completion_date") != null);
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status, completion_attempts)
				values (?, ?, ?, ?, now() - interval '5 minutes', 'PUBLISHED', 1)""")
			.params(UUID.randomUUID(), done.get("listener_id"), PatientDischarged.class.getName(), done.get("serialized_event"))
			.update();
		incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof PatientDischarged d && d.patient().equals(patient));
		Eventually.until("the replayed publication completed", () -> count("""
				select count(*) from event_publication where event_type = ? and serialized_event like ? and completion_date is null""",
				PatientDischarged.class.getName(), "%" + patient.value() + "%") == 0);
		assertThat(count("select count(*) from task where patient_id = ? and source like 'transition:%'", patient.value()))
			.isEqualTo(3);
		assertThat(count("select count(*) from care_transition where patient_id = ?", patient.value())).isEqualTo(1);
	}

	@Test
	void aPositivePhq9Item9BecomesAStatSafetyTaskAndAnUrgentAlert(Scenario scenario) {
		PatientId patient = patient("Scenario-Safety");
		enrol(patient, Acuity.MODERATE);
		String[] pairs = new String[18];
		for (int i = 0; i < 9; i++) {
			pairs[2 * i] = "phq9-" + (i + 1);
			pairs[2 * i + 1] = i == 8 ? "LA6569-3" : "LA6568-5"; // item 9 "several days", the rest "not at all"
		}
		scenario.stimulate(() -> actors.as("casemanager",
				() -> assessments.record(patient, "phq-9", null, Answers.single(pairs), Respondent.PATIENT, true)))
			.andWaitAtMost(WAIT)
			.andWaitForStateChange(() -> List.of(
					count("select count(*) from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP' and priority = 'STAT' and owner_user_id = ?",
							patient.value(), dana.value()),
					count("select count(*) from notification where recipient_id = ? and category = 'assessment.urgent' and link like ?",
							dana.value(), "/patients/" + patient + "/assessments/%")),
					seen -> seen.get(0) == 1 && seen.get(1) == 1)
			.andVerify((seen, assessment) -> {
				assertThat(jdbc.sql("select source from task where patient_id = ? and type = 'SAFETY_FOLLOW_UP'")
					.param(patient.value()).query(String.class).single()).startsWith("assessment-rule:" + assessment);
				// the alert is about the patient (the list names her to a reader who may open her record)
				assertThat(jdbc.sql("select patient_id from notification where recipient_id = ? and category = 'assessment.urgent' and link like ?")
					.params(dana.value(), "/patients/" + patient + "/assessments/%").query(UUID.class).single())
					.isEqualTo(patient.value());
			});
	}

	@Test
	void aCaseOpenedForACaseManagerBecomesHerNotification(Scenario scenario) {
		PatientId patient = patient("Scenario-Case");
		scenario.stimulate(() -> enrol(patient, Acuity.LOW))
			.andWaitAtMost(WAIT)
			.andWaitForStateChange(() -> count("select count(*) from notification where recipient_id = ? and category = 'case-assigned' and link = ?",
					dana.value(), "/cases/" + jdbc.sql("select id from care_case where patient_id = ?").param(patient.value())
						.query(UUID.class).optional().map(UUID::toString).orElse("none")),
					seen -> seen == 1)
			.andVerify((seen, caseId) -> assertThat(jdbc.sql("select patient_id from notification where recipient_id = ? and link = ?")
				.params(dana.value(), "/cases/" + caseId.value()).query(UUID.class).single()).isEqualTo(patient.value()));
	}
}
