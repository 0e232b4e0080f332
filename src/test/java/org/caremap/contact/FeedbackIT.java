package org.caremap.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.caremap.access.PatientAccess;
import org.caremap.identity.UserAccounts;
import org.caremap.shared.DomainException;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** A complaint with a follow-up owner lands on that person's day; resolving it records the outcome and ends the task. */
class FeedbackIT extends IntegrationTest {

	@Autowired Feedback feedback;
	@Autowired Tasks tasks;
	@Autowired PatientAccess access;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	@Test
	void aComplaintIsFollowedUpUntilResolved() {
		Actors actors = new Actors(users);
		UserId dana = accounts.findByUsername("casemanager").orElseThrow().id();
		PatientId patient = access.patientsOf(dana).iterator().next();
		UUID id = actors.as("casemanager", () -> feedback.record(patient, null, FeedbackView.Sentiment.NEGATIVE,
				FeedbackView.Category.COMMUNICATION, "Nobody called back after the discharge.", dana));
		assertThat(actors.as("casemanager", () -> tasks.myDay(dana)).stream()
			.filter(r -> r.task().title().equals("Follow up a complaint") && r.patient().equals(patient))).hasSize(1);

		assertThatThrownBy(() -> actors.run("casemanager", () -> feedback.resolve(id, " ")))
			.isInstanceOf(DomainException.class);
		actors.run("casemanager", () -> feedback.resolve(id, "Apologised; set up weekly calls."));
		assertThat(actors.as("casemanager", () -> feedback.ofPatient(patient)).stream()
			.filter(f -> f.id().equals(id)).findFirst().orElseThrow().outcome()).isEqualTo("Apologised; set up weekly calls.");
		assertThat(jdbc.sql("select status from task where source = ?").param("feedback:" + id).query(String.class).single())
			.isEqualTo("CANCELLED");
	}
}
