package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseAcuitySet;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.ContactMethod;
import org.caremap.patient.Demographics;
import org.caremap.patient.PatientHeaderChanged;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.support.IntegrationTest;
import org.caremap.task.Tasks;
import org.caremap.task.WorklistRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * "My day" as the task module's read model (issue 24): the patient's name, age and language and the case's acuity on
 * a worklist row come from the task module's own tables, kept by the patient and caseload modules' events (a rename
 * and an acuity change reach the row); an event heard twice or late changes nothing; a patient the read model has
 * not heard of yet is named by the patient module meanwhile, and a patient the user may not see stays off the list.
 */
class WorklistReadModelIT extends IntegrationTest {

	@Autowired Tasks tasks;
	@Autowired Cases cases;
	@Autowired Programs programs;
	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	/** The listeners called here, in this thread (the bean's run on threads of their own, after a commit). */
	WorklistReadModel model;

	Actors actors;
	UserId dana;
	PatientId patient;
	CaseId caseId;

	@BeforeEach
	void enrol() {
		actors = new Actors(users);
		model = new WorklistReadModel(jdbc);
		dana = accounts.findByUsername("casemanager").orElseThrow().id();
		var zone = organizations.primary().orElseThrow().zone();
		var program = programs.active().stream().filter(p -> p.contactEveryDays() == 14).findFirst().orElseThrow();
		patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Readmodel");
		caseId = actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana,
				LocalDate.now(zone).minusDays(20), new Consent(LocalDate.now(zone).minusDays(20), ConsentMethod.VERBAL,
						"Priya Raman", true, true, true, true), Acuity.COMPLEX, "frequent admissions")));
	}

	private Optional<WorklistRow> row() {
		return actors.as("casemanager", () -> tasks.myDay(dana)).stream().filter(r -> r.patient().equals(patient)).findFirst();
	}

	@Test
	void aRenameAndANewAcuityReachTheWorklistThroughTheirEvents() {
		Eventually.until("the follow-up on My day with the read model's name and acuity", () -> row()
			.filter(r -> r.patientName().equals("Readmodel, Test") && "COMPLEX".equals(r.acuity())).isPresent());
		assertThat(jdbc.sql("select family_name from task_worklist_patient where patient_id = ?").param(patient.value())
			.query(String.class).single()).isEqualTo("Readmodel");
		assertThat(row().orElseThrow().age()).isEqualTo(java.time.Period.between(LocalDate.of(1950, 5, 17),
				LocalDate.now(organizations.primary().orElseThrow().zone())).getYears());

		actors.run("casemanager", () -> patients.update(patient, new Demographics("Renamed", "Tess", null,
				LocalDate.of(1950, 5, 17), Sex.FEMALE, "(614) 555-0199", null, "1 Test St", "Columbus", "OH", "43215", "es",
				ContactMethod.PHONE, null, true)));
		actors.run("casemanager", () -> cases.changeAcuity(caseId, Acuity.LOW, "stable for three months"));
		Eventually.until("the new name, language and acuity on My day", () -> row()
			.filter(r -> r.patientName().equals("Renamed, Tess") && "LOW".equals(r.acuity())
					&& r.language().equals(java.util.Locale.forLanguageTag("es").getDisplayLanguage(java.util.Locale.ENGLISH)))
			.isPresent());
	}

	@Test
	void anEventHeardTwiceOrLateChangesNothing() {
		Eventually.until("the read model's rows", () -> jdbc.sql(
				"select count(*) from task_worklist_patient where patient_id = ?").param(patient.value()).query(Long.class)
			.single() == 1 && jdbc.sql("select count(*) from task_worklist_case where case_id = ?").param(caseId.value())
				.query(Long.class).single() == 1);
		Instant now = Instant.now().plusSeconds(5);
		model.on(new PatientHeaderChanged(patient, "Newer", "Name", LocalDate.of(1950, 5, 17), "en", now));
		model.on(new PatientHeaderChanged(patient, "Newer", "Name", LocalDate.of(1950, 5, 17), "en", now));
		model.on(new PatientHeaderChanged(patient, "Older", "Name", LocalDate.of(1950, 5, 17), "en", now.minus(Duration.ofHours(1))));
		assertThat(jdbc.sql("select family_name from task_worklist_patient where patient_id = ?").param(patient.value())
			.query(String.class).single()).isEqualTo("Newer");
		model.on(new CaseAcuitySet(caseId, patient, Acuity.HIGH, now));
		model.on(new CaseAcuitySet(caseId, patient, Acuity.LOW, now.minus(Duration.ofHours(1))));
		assertThat(jdbc.sql("select acuity from task_worklist_case where case_id = ?").param(caseId.value())
			.query(String.class).single()).isEqualTo("HIGH");
		Eventually.until("the row as the read model has it", () -> row()
			.filter(r -> r.patientName().equals("Newer, Name") && "HIGH".equals(r.acuity())).isPresent());
	}

	@Test
	void aPatientNotYetInTheReadModelIsNamedByThePatientModuleAndOthersStayOff() {
		Eventually.until("the follow-up on My day", () -> row().isPresent());
		jdbc.sql("delete from task_worklist_patient where patient_id = ?").param(patient.value()).update();
		jdbc.sql("delete from task_worklist_case where case_id = ?").param(caseId.value()).update();
		WorklistRow r = row().orElseThrow();
		assertThat(r.patientName()).isEqualTo("Readmodel, Test");
		assertThat(r.acuity()).isEqualTo("COMPLEX");
		// the user no longer cares for the patient: the row is left out, as before the read model
		jdbc.sql("update care_relationship set valid_to = now() where patient_id = ? and user_id = ?")
			.params(patient.value(), dana.value()).update();
		try {
			assertThat(row()).isEmpty();
			model.on(new PatientHeaderChanged(patient, "Readmodel", "Test", LocalDate.of(1950, 5, 17), "en", Instant.now()));
			assertThat(row()).isEmpty();
		}
		finally {
			// the case stays open on her caseload: she cares for its patient again, as the other tests of the run expect
			jdbc.sql("update care_relationship set valid_to = null where patient_id = ? and user_id = ?")
				.params(patient.value(), dana.value()).update();
		}
	}
}
