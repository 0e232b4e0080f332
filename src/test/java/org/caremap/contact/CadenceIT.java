package org.caremap.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.caremap.task.FollowUps;
import org.caremap.task.TaskStatus;
import org.caremap.task.TaskView;
import org.caremap.task.Tasks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The follow-up cadence: scheduled from the last completed contact (not a fixed calendar), attempts kept but not
 * restarting it, paused by a hold and restarted by a resume; minutes add up per case and month.
 */
class CadenceIT extends IntegrationTest {

	@Autowired Cases cases;
	@Autowired Contacts contacts;
	@Autowired FollowUps followUps;
	@Autowired Tasks tasks;
	@Autowired PatientRegistry patients;
	@Autowired Programs programs;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void theNextFollowUpIsDueFourteenDaysAfterTheLastReachedContact() {
		Actors actors = new Actors(users);
		ZoneId zone = organizations.primary().orElseThrow().zone();
		ProgramView complex = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Cadence");
		CaseId caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, complex.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone),
				new Consent(LocalDate.now(zone), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.HIGH, "recent admissions")));

		TaskView first = actors.as("casemanager", () -> followUps.next(caseId)).orElseThrow();
		assertThat(first.due().atZone(zone).toLocalDate()).isEqualTo(LocalDate.now(zone).plusDays(14));

		// an unanswered call is kept as evidence and changes nothing
		Instant threeDaysAgo = Instant.now().minus(java.time.Duration.ofDays(3));
		actors.run("casemanager", () -> contacts.log(new NewContact(patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.NO_ANSWER,
				threeDaysAgo, 2, ContactKinds.StaffKind.CLINICAL_STAFF, "no answer", List.of(first.id()))));
		assertThat(actors.as("casemanager", () -> followUps.next(caseId)).orElseThrow().id()).isEqualTo(first.id());

		// a reached call completes the task and restarts the cadence from the call, not from the calendar
		actors.run("casemanager", () -> contacts.log(new NewContact(patient, caseId, ContactKinds.Type.PHONE,
				ContactKinds.Direction.OUTBOUND, ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED,
				threeDaysAgo, 18, ContactKinds.StaffKind.CLINICAL_STAFF, "medications reviewed", List.of(first.id()))));
		TaskView done = actors.as("casemanager", () -> tasks.find(first.id()).orElseThrow());
		assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
		assertThat(done.outcome()).contains("reached").contains("medications reviewed");
		TaskView next = actors.as("casemanager", () -> followUps.next(caseId)).orElseThrow();
		assertThat(next.due().atZone(zone).toLocalDate())
			.isEqualTo(threeDaysAgo.atZone(zone).toLocalDate().plusDays(14));

		// a hold pauses the cadence, a resume restarts it from the resume
		actors.run("casemanager", () -> cases.hold(caseId, "in hospital", null));
		assertThat(actors.as("casemanager", () -> followUps.next(caseId))).isEmpty();
		actors.run("casemanager", () -> cases.resume(caseId, "home again"));
		assertThat(actors.as("casemanager", () -> followUps.next(caseId)).orElseThrow().due().atZone(zone).toLocalDate())
			.isEqualTo(LocalDate.now(zone).plusDays(14));

		// minutes: 2 + 18 of clinical staff time this month (when the calls were this month)
		YearMonth month = YearMonth.from(threeDaysAgo.atZone(zone));
		assertThat(actors.as("casemanager", () -> contacts.minutes(caseId, month)))
			.isEqualTo(new Contacts.Minutes(20, 0));
	}
}
