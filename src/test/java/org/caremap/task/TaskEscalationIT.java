package org.caremap.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.caremap.access.PatientAccess;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** An overdue task notifies the supervisor once, not on every run of the sweep. */
class TaskEscalationIT extends IntegrationTest {

	@Autowired Tasks tasks;
	@Autowired PatientAccess access;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;
	@Autowired org.caremap.task.internal.TaskEscalationProbe probe;
	@Autowired org.caremap.notification.internal.MorningDigest digest;

	@Test
	void everyoneWithDueWorkIsToldOnceADayWithoutPatientDetails() {
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId patient = access.patientsOf(dana).iterator().next();
		new Actors(users).run("casemanager", () -> tasks.create(new NewTask(patient, null, TaskType.OUTREACH_CALL,
				"Digest probe", null, dana, null, TaskPriority.ROUTINE, null, Instant.now().minus(Duration.ofHours(1)), null)));
		digest.send();
		digest.send();
		assertThat(jdbc.sql("""
				select count(*) from notification where recipient_id = ? and category = 'due-digest'
				and created_at > now() - interval '1 day'""").param(dana.value()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select title from notification where recipient_id = ? and category = 'due-digest'")
			.param(dana.value()).query(String.class).list()).allSatisfy(t -> assertThat(t).contains("overdue")
				.doesNotContain("Digest probe"));
	}

	@Test
	void overdueWorkIsEscalatedToTheSupervisorOnce() {
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		UserId supervisor = accounts.findByUsername("supervisor").orElseThrow().id();
		PatientId patient = access.patientsOf(dana).iterator().next();
		String title = "Escalation probe " + System.nanoTime();
		TaskId late = new Actors(users).as("casemanager", () -> tasks.create(new NewTask(patient, null,
				TaskType.OUTREACH_CALL, title, null, dana, null, TaskPriority.ROUTINE, null,
				Instant.now().minus(Duration.ofDays(3)), null)));
		for (int run = 0; run < 5; run++) probe.sweep();
		// the supervisor hears of it from the event, after the sweep's transaction; once, however many sweeps ran
		org.caremap.support.Eventually.until("the supervisor told", () -> jdbc.sql(
				"select count(*) from notification where recipient_id = ? and title = ?")
			.params(supervisor.value(), "Overdue: " + title).query(Long.class).single() >= 1);
		assertThat(jdbc.sql("select count(*) from notification where recipient_id = ? and title = ?")
			.params(supervisor.value(), "Overdue: " + title).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select escalated_at is not null from task where id = ?").param(late.value())
			.query(Boolean.class).single()).isTrue();
		// and by e-mail, once, without patient details
		org.caremap.support.Eventually.until("the supervisor's e-mail queued", () -> jdbc.sql(
				"select count(*) from email_outbox where recipient = 'supervisor@riverside-care.example' and created_at > now() - interval '1 minute'")
			.query(Long.class).single() >= 1);
		assertThat(jdbc.sql("select count(*) from email_outbox where body like ?").param("%" + title + "%")
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'ESCALATE' and resource_id = ?")
			.param(late.toString()).query(Long.class).single()).isEqualTo(1);
	}
}
