package org.caremap.utilization;

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
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.support.Actors;

/** A fresh patient with a coverage, in the demo case manager Dana's caseload (an open case). */
final class UtilizationFixtures {

	record Covered(PatientId patient, UUID coverage) {
	}

	private UtilizationFixtures() {
	}

	static Covered coveredPatient(Actors actors, PatientRegistry patients, Organizations organizations, Programs programs,
			Cases cases, UserAccounts accounts, String family, String payer) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		PatientId patient = SystemActor.call("test", List.of("SYSTEM"), () -> {
			PatientId p = patients.register(new NewPatient(organizations.primary().orElseThrow().id(), family, "Iris", null,
					LocalDate.of(1951, 6, 2), Sex.FEMALE, "(614) 555-0177", null, "8 Oak St", "Columbus", "OH", "43215", "en",
					List.of(new PatientIdentifier(IdentifierType.MR, "urn:test:mrn", "U-" + unique, "Test Hospital")),
					List.of(new CodedCondition("I50.9", "Heart failure, unspecified", null))));
			patients.addCoverage(p, new Coverage(null, payer, "Test plan", "M-" + unique, null, Today.date().minusYears(2), null, 1));
			return p;
		});
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		actors.run("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				accounts.findByUsername("casemanager").orElseThrow().id(), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Iris " + family, true, true, true, true), Acuity.HIGH,
				"heart failure")));
		UUID coverage = SystemActor.call("test", List.of("SYSTEM"),
				() -> patients.details(patient).orElseThrow().coverage().get(0).id());
		return new Covered(patient, coverage);
	}

	/** Home health nursing visits (12) and, if asked, a second line of therapy units (8), wanted from today for 90 days. */
	static NewAuthorization request(Covered c, Urgency urgency, boolean twoLines) {
		LocalDate today = Today.date();
		List<NewAuthorization.Line> lines = twoLines
				? List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", 12, UnitKind.VISIT),
						new NewAuthorization.Line(CodeSystem.CPT, "97110", "Therapeutic exercise", 8, UnitKind.UNIT))
				: List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit", 12, UnitKind.VISIT));
		return new NewAuthorization(c.patient(), c.coverage(), "Home health nursing", List.of("I50.9"), "Dr. Maria Alvarez",
				"Riverside Home Health", today.minusDays(10), today.plusDays(80), urgency, "Two admissions in 60 days.", lines, null);
	}

	/** Every line approved as requested (or with the units given, in order) for the period given. */
	static Decision decision(AuthorizationView a, java.time.Instant at, LocalDate from, LocalDate to, int... units) {
		List<Decision.LineAnswer> answers = new java.util.ArrayList<>();
		for (int i = 0; i < a.lines().size(); i++) {
			var l = a.lines().get(i);
			int n = i < units.length ? units[i] : l.unitsRequested();
			answers.add(new Decision.LineAnswer(l.id(), n, n == 0 ? null : from, n == 0 ? null : to, n < l.unitsRequested() ? "Not medically necessary" : null));
		}
		return new Decision("REF-" + a.id().toString().substring(0, 6), at, null, answers);
	}
}
