package org.caremap.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A case manager's search looks among her own patients: many better matches in the rest of the registry do not
 * push her patient out of the results.
 */
class PatientSearchScopeIT extends IntegrationTest {

	@Autowired PatientRegistry patients;
	@Autowired Organizations organizations;
	@Autowired Programs programs;
	@Autowired Cases cases;
	@Autowired UserAccounts accounts;
	@Autowired UserDetailsService users;

	@Test
	void findsHerPatientBehindManyBetterMatchesOfOthers() {
		var org = organizations.primary().orElseThrow();
		ZoneId zone = org.zone();
		// hers: "Quillfeather Test-Longer-Given-Name", less similar to the query than the others' "Quillfeather Al"
		PatientId mine = SystemActor.call("test", List.of("SYSTEM"), () -> patients.register(new NewPatient(org.id(), "Quillfeather",
				"Bartholomew-Alexander", null, LocalDate.of(1948, 3, 2), Sex.MALE, null, null, null, null, null, null, "en", List.of(),
				List.of())));
		for (int i = 0; i < 170; i++) {
			SystemActor.run("test", List.of("SYSTEM"), () -> patients.register(new NewPatient(org.id(), "Quillfeather", "Al", null,
					LocalDate.of(1950, 1, 1), Sex.FEMALE, null, null, null, null, null, null, "en", List.of(), List.of())));
		}
		var ccm = programs.active().stream().filter(p -> p.contactEveryDays() == 30).findFirst().orElseThrow();
		new Actors(users).run("supervisor", () -> cases.enrol(new Enrolment(mine, ccm.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), LocalDate.now(zone).minusDays(3),
				new Consent(LocalDate.now(zone).minusDays(3), ConsentMethod.VERBAL, "Priya Raman", true, true, true, true),
				Acuity.LOW, "two chronic conditions")));

		List<PatientHeader> found = new Actors(users).as("casemanager", () -> patients.search("quillfeather", 50));
		assertThat(found).extracting(PatientHeader::id).containsExactly(mine);
		// and another case manager finds none of them
		assertThat(new Actors(users).as("casemanager2", () -> patients.search("quillfeather", 50))).isEmpty();
	}
}
