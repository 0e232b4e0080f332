package org.caremap.community;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.support.Today;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.Coverage;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.program.ProgramId;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the referral tests stand on: a fresh patient on the demo case manager's caseload (with a coverage and an open
 * food-insecurity need), and a directory service written straight into the community module's tables (this module's
 * own test, so it may).
 */
final class CommunityFixtures {

	private CommunityFixtures() {
	}

	record Patient(PatientId id, UUID need) {
	}

	static Patient patient(Actors actors, PatientRegistry patients, Organizations organizations, Programs programs, Cases cases,
			UserAccounts accounts, JdbcClient jdbc, String family, String programName) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		PatientId patient = SystemActor.call("test", List.of("SYSTEM"), () -> {
			PatientId p = patients.register(new NewPatient(organizations.primary().orElseThrow().id(), family, "Rosa", null,
					LocalDate.of(1962, 3, 14), Sex.FEMALE, "(614) 555-0142", "rosa." + unique + "@example.org", "12 Elm St",
					"Columbus", "OH", "43215", "es",
					List.of(new PatientIdentifier(IdentifierType.MR, "urn:test:mrn", "C-" + unique, "Test Hospital")),
					List.of(new CodedCondition("E11.9", "Type 2 diabetes", null))));
			patients.addCoverage(p, new Coverage(null, "Buckeye Medicaid", "Plan A", "MCD-" + unique, null,
					Today.date().minusYears(1), null, 1));
			return p;
		});
		ProgramId program = programs.active().stream().filter(p -> p.name().equals(programName)).findFirst().orElseThrow().id();
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program, null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Rosa " + family, true, true, true, true), Acuity.MODERATE,
				"community test")));
		UUID need = UUID.randomUUID();
		jdbc.sql("""
				insert into social_need (id, patient_id, code, label, identified_on, status)
				values (?, ?, 'food-insecurity', 'Food insecurity', current_date, 'OPEN')""")
			.params(need, patient.value()).update();
		return new Patient(patient, need);
	}

	/** An organisation with one food service at one location, open on weekdays; its referral e-mail as given. */
	static UUID service(JdbcClient jdbc, String organization, String email) {
		UUID org = UUID.randomUUID();
		UUID service = UUID.randomUUID();
		UUID location = UUID.randomUUID();
		jdbc.sql("""
				insert into community_organization (id, source, name, phone, referral_email, created_by, updated_by)
				values (?, 'test', ?, '(614) 555-0100', ?, 'test', 'test')""").params(org, organization, email).update();
		jdbc.sql("""
				insert into community_service (id, organization_id, source, name, application_process, needs, languages, created_by, updated_by)
				values (?, ?, 'test', ?, 'Bring a photo ID', '{food-insecurity}', '{en,es}', 'test', 'test')""")
			.params(service, org, organization + " food boxes").update();
		jdbc.sql("""
				insert into community_location (id, organization_id, source, address_1, city, state, postal_code, latitude, longitude,
				    transportation, updated_by)
				values (?, ?, 'test', '400 Main St', 'Columbus', 'OH', '43215', 39.96, -82.99, 'Bus 2 to Main and 4th', 'test')""")
			.params(location, org).update();
		jdbc.sql("insert into community_service_location (id, service_id, location_id) values (?, ?, ?)")
			.params(UUID.randomUUID(), service, location).update();
		for (int day = 1; day <= 5; day++) {
			jdbc.sql("insert into community_schedule (id, service_id, weekday, opens_at, closes_at) values (?, ?, ?, '09:00', '17:00')")
				.params(UUID.randomUUID(), service, day).update();
		}
		return service;
	}

	/** A referral from the need, sharing name, contact, language and the need. */
	static NewCommunityReferral referral(Patient p, UUID service, NewCommunityReferral.@org.jspecify.annotations.Nullable Part2Consent part2) {
		return new NewCommunityReferral(p.id(), service, ReferralOrigin.Kind.NEED, p.need(), "Food boxes for a family of four",
				new NewCommunityReferral.Sharing(true, false, true, true, false, "Prefers afternoon calls"),
				new NewCommunityReferral.ContactPreferences(true, false, false, "Afternoons", "Spanish"), part2);
	}
}
