package org.caremap.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.caremap.identity.CurrentUser;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.PatientId;
import org.caremap.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/** You see the patients you care for: relationship-based access, every read and refusal audited. */
class PatientAccessIT extends IntegrationTest {

	@Autowired
	PatientAccess access;

	@Autowired
	CareRelationships relationships;

	@Autowired
	PatientRegistry patients;

	@Autowired
	UserAccounts accounts;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser signIn(String username) {
		CurrentUser user = (CurrentUser) users.loadUserByUsername(username);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	private long audited(String actor, String outcome, PatientId patient) {
		return jdbc.sql("select count(*) from audit_event where actor = ? and outcome = ? and patient_id = ?")
			.params(actor, outcome, patient.value()).query(Long.class).single();
	}

	@Test
	void caseManagerReadsOwnPatientAndIsRefusedAnother() {
		CurrentUser dana = signIn("casemanager");
		Set<PatientId> mine = access.patientsOf(dana.id());
		UserView marcus = accounts.findByUsername("casemanager2").orElseThrow();
		PatientId theirs = access.patientsOf(marcus.id()).stream().filter(p -> !mine.contains(p)).findFirst().orElseThrow();
		PatientId own = mine.iterator().next();

		assertThat(patients.find(own)).isPresent();
		assertThat(audited("casemanager", "SUCCESS", own)).isPositive();

		assertThatThrownBy(() -> patients.find(theirs)).isInstanceOf(AccessDeniedException.class);
		assertThat(audited("casemanager", "DENIED", theirs)).isPositive();
	}

	@Test
	void supervisorReachesThePatientsOfTheTeam() {
		UserView marcus = accounts.findByUsername("casemanager2").orElseThrow();
		PatientId teamPatient = access.patientsOf(marcus.id()).iterator().next();
		signIn("supervisor");
		assertThat(access.permits(teamPatient, AccessPurpose.READ)).isTrue();
	}

	@Test
	void administratorDoesNotReadPatientRecords() {
		UserView dana = accounts.findByUsername("casemanager").orElseThrow();
		PatientId patient = access.patientsOf(dana.id()).iterator().next();
		signIn("admin");
		assertThatThrownBy(() -> access.require(patient, AccessPurpose.READ)).isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void endedRelationshipClosesTheRecord() {
		CurrentUser careteam = signIn("careteam");
		PatientId patient = access.patientsOf(careteam.id()).iterator().next();
		assertThat(access.permits(patient, AccessPurpose.READ)).isTrue();
		String source = jdbc.sql("""
				select source from care_relationship where user_id = ? and patient_id = ? and valid_to is null limit 1""")
			.params(careteam.id().value(), patient.value()).query(String.class).single();
		relationships.end(careteam.id(), patient, RelationshipKind.CARE_TEAM, source);
		assertThat(access.permits(patient, AccessPurpose.READ)).isFalse();
	}

	@Test
	void theReadersOfARecordAmongManyUsersAreThoseEachCheckWouldLetIn() {
		UserView dana = accounts.findByUsername("casemanager").orElseThrow();
		PatientId patient = access.patientsOf(dana.id()).iterator().next();
		var everyone = accounts.list().stream().map(UserView::id).toList();

		Set<org.caremap.shared.UserId> readers = access.readersAmong(patient, everyone);

		Set<org.caremap.shared.UserId> oneByOne = everyone.stream().filter(u -> access.canRead(u, patient))
			.collect(java.util.stream.Collectors.toSet());
		assertThat(readers).isEqualTo(oneByOne).contains(dana.id());
		assertThat(readers).as("a supervisor of the patient's program")
			.contains(accounts.findByUsername("supervisor").orElseThrow().id());
		assertThat(readers).as("not everyone").hasSizeLessThan(everyone.size());
	}
}
