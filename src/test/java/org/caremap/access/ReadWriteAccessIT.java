package org.caremap.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.assessment.Assessments;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.Notes;
import org.caremap.identity.UserAccounts;
import org.caremap.patient.Demographics;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Reading is not writing: what each relationship allows is decided by {@link AccessRules} in the one access check,
 * whatever path the change comes through; every refusal is audited with its purpose.
 */
class ReadWriteAccessIT extends IntegrationTest {

	@Autowired PatientAccess access;
	@Autowired BreakGlass glass;
	@Autowired Notes notes;
	@Autowired Contacts contacts;
	@Autowired Assessments assessments;
	@Autowired PatientRegistry patients;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired JdbcClient jdbc;

	private Actors actors() {
		return new Actors(users);
	}

	private static NoteContent note() {
		return new NoteContent(NoteFormat.SOAP, List.of("Says she is tired", "BP 150/90", "Not at goal", "Call PCP"), null,
				null, null);
	}

	private PatientId patientOf(String username) {
		return access.patientsOf(accounts.findByUsername(username).orElseThrow().id()).stream().sorted(
				java.util.Comparator.comparing(p -> p.value().toString())).findFirst().orElseThrow();
	}

	private PatientId notReachedBy(String... usernames) {
		List<PatientId> excluded = java.util.Arrays.stream(usernames)
			.flatMap(u -> access.patientsOf(accounts.findByUsername(u).orElseThrow().id()).stream()).toList();
		return access.patientsOf(accounts.findByUsername("casemanager2").orElseThrow().id()).stream()
			.filter(p -> !excluded.contains(p)).findFirst().orElseThrow();
	}

	private long deniedWrites(String actor, PatientId patient) {
		return jdbc.sql("""
				select count(*) from audit_event
				where actor = ? and patient_id = ? and outcome = 'DENIED' and action = 'WRITE'""")
			.params(actor, patient.value()).query(Long.class).single();
	}

	@Test
	void aCareTeamMemberReadsAndContributesButDoesNotWriteTheClinicalRecord() {
		PatientId patient = patientOf("careteam");
		actors().run("careteam", () -> {
			assertThat(access.permits(patient, AccessPurpose.READ)).isTrue();
			UUID contact = contacts.log(new NewContact(patient, null, ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
					ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, Instant.now(), 10,
					ContactKinds.StaffKind.CLINICAL_STAFF, "Checked her new inhaler technique", List.of()));
			assertThat(contact).isNotNull();
			long before = deniedWrites("careteam", patient);
			assertThatThrownBy(() -> notes.draft(patient, null, note())).isInstanceOf(AccessDeniedException.class);
			assertThatThrownBy(() -> assessments.assign(patient, null, "phq-9", Today.date().plusDays(3)))
				.isInstanceOf(AccessDeniedException.class);
			assertThat(deniedWrites("careteam", patient)).isEqualTo(before + 2);
			var d = patients.details(patient).orElseThrow();
			Demographics same = new Demographics(d.header().familyName(), d.header().givenName(), d.middleName(),
					d.header().birthDate(), d.header().sex(), d.phone(), d.email(), d.addressLine(), d.city(), d.state(),
					d.postalCode(), d.header().preferredLanguage(), d.contactMethod(), d.contactTimes(), d.interpreterNeeded());
			assertThatThrownBy(() -> patients.update(patient, same)).isInstanceOf(AccessDeniedException.class);
		});
	}

	@Test
	void theCaseManagerWritesTheRecord() {
		PatientId patient = patientOf("casemanager");
		UUID draft = actors().as("casemanager", () -> notes.draft(patient, null, note()));
		assertThat(draft).isNotNull();
	}

	@Test
	void breakingTheGlassOpensWhatTheRoleDoesAnyway() {
		// fresh accounts, so that their grants reach no other test's patients
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String careTeam = "glass.careteam." + suffix;
		String caseManager = "glass.cm." + suffix;
		org.caremap.shared.SystemActor.run("test", List.of("ADMIN"), () -> {
			accounts.create(new org.caremap.identity.NewUser(careTeam, "Glass Care Team", null,
					java.util.Set.of(org.caremap.identity.Role.CARE_TEAM), "a-long-enough-password-42", false));
			accounts.create(new org.caremap.identity.NewUser(caseManager, "Glass Case Manager", null,
					java.util.Set.of(org.caremap.identity.Role.CASE_MANAGER), "a-long-enough-password-42", false));
		});
		PatientId patient = notReachedBy("careteam", "casemanager");
		actors().run(careTeam, () -> {
			assertThat(access.permits(patient, AccessPurpose.READ)).isFalse();
			glass.open(patient, "Covering the on-call line tonight, patient called in", Duration.ofHours(1));
			assertThat(access.permits(patient, AccessPurpose.READ)).isTrue();
			assertThat(access.permits(patient, AccessPurpose.CONTRIBUTE)).isTrue();
			assertThat(access.permits(patient, AccessPurpose.WRITE)).isFalse();
			assertThatThrownBy(() -> notes.draft(patient, null, note())).isInstanceOf(AccessDeniedException.class);
		});
		actors().run(caseManager, () -> {
			glass.open(patient, "Covering for a colleague who is off sick today", Duration.ofHours(1));
			assertThat(notes.draft(patient, null, note())).isNotNull();
		});
	}

	@Autowired org.caremap.demo.DemoLogins demo;

	@Test
	void pagesOfferOnlyWhatThePersonMayDo() {
		PatientId patient = patientOf("careteam");
		org.caremap.support.Browserless careTeam = client();
		careTeam.login("careteam", demo.password("careteam").orElseThrow());
		String notes = careTeam.get("/patients/" + patient + "/notes").body();
		assertThat(notes).contains("id=\"note-read-only\"").doesNotContain("id=\"note-form\"");
		assertThat(careTeam.get("/patients/" + patient + "/care-plan").body()).doesNotContain("/care-plan/start\"");
		assertThat(careTeam.get("/patients/" + patient).body()).doesNotContain("id=\"edit-patient\"");
		// the chart's action bar: a care-team member may log a contact, not write a note or an assessment
		assertThat(careTeam.get("/patients/" + patient + "/timeline").body()).contains("id=\"action-log-contact\"")
			.doesNotContain("id=\"action-new-note\"").doesNotContain("id=\"action-start-assessment\"");
		PatientId own = patientOf("casemanager");
		org.caremap.support.Browserless manager = client();
		manager.login("casemanager", demo.password("casemanager").orElseThrow());
		assertThat(manager.get("/patients/" + own + "/notes").body()).contains("id=\"note-form\"").doesNotContain("note-read-only");
		assertThat(manager.get("/patients/" + own).body()).contains("id=\"edit-patient\"");
		assertThat(manager.get("/patients/" + own).body()).contains("id=\"action-log-contact\"", "id=\"action-new-note\"",
				"id=\"action-start-assessment\"");
	}

	@Test
	void theTableCapsEachGroundByTheRole() {
		assertThat(AccessRules.allowed(List.of(org.caremap.identity.Role.CARE_TEAM), List.of(AccessRules.Ground.BREAK_GLASS)))
			.containsExactlyInAnyOrder(AccessPurpose.READ, AccessPurpose.CONTRIBUTE);
		assertThat(AccessRules.allowed(List.of(org.caremap.identity.Role.UTILIZATION_REVIEW),
				List.of(AccessRules.Ground.BREAK_GLASS))).containsExactlyInAnyOrder(AccessPurpose.READ, AccessPurpose.CONTRIBUTE);
		assertThat(AccessRules.allowed(List.of(org.caremap.identity.Role.INTAKE), List.of(AccessRules.Ground.INTAKE)))
			.containsExactlyInAnyOrder(AccessPurpose.READ, AccessPurpose.CONTRIBUTE, AccessPurpose.REGISTER);
		assertThat(AccessRules.allowed(List.of(org.caremap.identity.Role.CASE_MANAGER), List.of(AccessRules.Ground.CARE_TEAM)))
			.containsExactlyInAnyOrder(AccessPurpose.READ, AccessPurpose.CONTRIBUTE);
		assertThat(AccessRules.allowed(List.of(org.caremap.identity.Role.ADMIN), List.of(AccessRules.Ground.values())))
			.isEmpty();
	}
}
