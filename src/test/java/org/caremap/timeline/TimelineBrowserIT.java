package org.caremap.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.Notes;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.support.Actors;
import org.caremap.support.BrowserTest;
import org.caremap.support.Chrome;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The chart's timeline in plain words: a contact the case manager logged appears on it, with her name ("Dana
 * Whitfield, RN", not her username), a signed note too; the acuity in words ("Moderate", not "MODERATE"); what Caremap
 * itself recorded says "System", not "system:test"; a hospital stay's location stored raw by an older version
 * ("RGH 6E 611 1") in words. The notes tab names the person who signed.
 */
class TimelineBrowserIT extends BrowserTest {

	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired Contacts contacts;
	@Autowired Notes notes;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;
	@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void theTimelineShowsContactsAndNamesInPlainWords() throws Exception {
		ZoneId zone = organizations.primary().orElseThrow().zone();
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), "Almanac");
		Actors as = new Actors(users);
		CaseId caseId = as.as("supervisor", () -> cases.enrol(new Enrolment(patient, programs.active().get(0).id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(2),
				new Consent(LocalDate.now(zone).minusDays(2), ConsentMethod.VERBAL, "Test Consenter", true, true, true, true),
				Acuity.MODERATE, "new to the program")));
		String dana = accounts.findByUsername("casemanager").orElseThrow().displayName();
		as.run("casemanager", () -> {
			contacts.log(new NewContact(patient, caseId, ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
					ContactKinds.Party.PATIENT, null, ContactKinds.Outcome.REACHED, Instant.now().minus(1, ChronoUnit.HOURS), 15,
					ContactKinds.StaffKind.CLINICAL_STAFF, "Talked through the new inhaler", List.of()));
			UUID note = notes.draft(patient, caseId, new NoteContent(NoteFormat.SOAP,
					List.of("Short of breath on stairs", "Sats 95%", "Stable", "Review in a week"), null, null, null));
			notes.sign(note);
		});

		// a stay recorded by an older version, its location stored raw (facility, unit, room, bed)
		jdbc.sql("""
				insert into encounter (id, patient_id, facility, visit_number, patient_class, location, status, admitted_at,
				                       discharged_at, lace)
				values (?, ?, 'RIVERSIDE GENERAL', ?, 'I', 'RGH 6E 611 1', 'FINISHED', now() - interval '40 days',
				        now() - interval '36 days', 12)""")
			.params(UUID.randomUUID(), patient.value(), "V-" + UUID.randomUUID().toString().substring(0, 8)).update();

		driver = Chrome.start(1366, 900);
		signIn("casemanager");
		driver.get(url("/patients/" + patient + "/timeline"));
		String timeline = driver.findElement(By.id("timeline")).getText();
		assertThat(timeline)
			.contains("Contact · Phone call with Patient · Reached · 15 min · Talked through the new inhaler by " + dana)
			.contains("Progress note signed · SOAP note by " + dana)
			.contains("Acuity set · Moderate: new to the program")
			.contains("Registered in Caremap by System")
			.contains("Admitted · RIVERSIDE GENERAL, Unit 6E, room 611, bed 1 (RGH)")
			.contains("Discharged · RIVERSIDE GENERAL, Unit 6E, room 611, bed 1 (RGH) · LACE score 12")
			.doesNotContain("RGH 6E 611 1")
			.doesNotContain("MODERATE").doesNotContain("system:").doesNotContain("by casemanager").doesNotContain("by supervisor");
		shot("chart-timeline");

		driver.get(url("/patients/" + patient + "/notes"));
		assertThat(driver.findElement(By.cssSelector(".note-signed")).getText()).startsWith("Signed by " + dana + ",");
		assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("casemanager");
	}
}
