package org.caremap.caseload;

import java.time.Duration;
import java.util.UUID;

import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.DisclosureConsents.NewConsent;
import org.caremap.access.DisclosureConsents.Purpose;
import org.caremap.access.DisclosureConsents.RecipientKind;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Today;

/**
 * A patient in two programs of the demo organisation: the Part 2 "Recovery support" case managed by Dana
 * ({@code casemanager}, inside) and a standard "Complex care" case managed by Marcus ({@code casemanager2}, who
 * cares for the patient but outside the Part 2 program). Marcus is then given the patient's consent to disclose, or
 * breaks the glass.
 */
public final class Part2Fixtures {

	public static final String INSIDE = "casemanager";
	public static final String OUTSIDE = "casemanager2";

	private final Actors actors;
	private final Cases cases;
	private final PatientRegistry patients;
	private final Programs programs;
	private final Organizations organizations;
	private final UserAccounts accounts;

	public Part2Fixtures(Actors actors, Cases cases, PatientRegistry patients, Programs programs,
			Organizations organizations, UserAccounts accounts) {
		this.actors = actors;
		this.cases = cases;
		this.patients = patients;
		this.programs = programs;
		this.organizations = organizations;
		this.accounts = accounts;
	}

	/** A patient enrolled in the Part 2 program (Dana) and a standard one (Marcus). */
	public record Enrolled(PatientId patient, CaseId part2Case, CaseId standardCase) {
	}

	public Enrolled enrolled(String family) {
		PatientId patient = Actors.newPatient(patients, organizations.primary().orElseThrow().id(), family);
		ProgramView part2 = programs.active().stream().filter(p -> p.confidentiality() == Confidentiality.PART2 && p.name().equals("Recovery support"))
			.findFirst().orElseThrow();
		ProgramView standard = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst()
			.orElseThrow();
		CaseId inside = enrol(patient, part2, INSIDE);
		CaseId outside = enrol(patient, standard, OUTSIDE);
		return new Enrolled(patient, inside, outside);
	}

	private CaseId enrol(PatientId patient, ProgramView program, String caseManager) {
		return actors.as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null,
				user(caseManager), Today.date(),
				new Consent(Today.date(), ConsentMethod.WRITTEN, "Priya Raman", true, true, true, true), Acuity.MODERATE,
				"in treatment")));
	}

	public UserId user(String username) {
		return accounts.findByUsername(username).orElseThrow().id();
	}

	/** The patient's consent naming Marcus for treatment, recorded by Dana (the Part 2 case manager). */
	public UUID consentForOutside(DisclosureConsents consents, PatientId patient) {
		return actors.as(INSIDE, () -> consents.record(patient, new NewConsent(RecipientKind.STAFF, user(OUTSIDE), null,
				"Marcus", Purpose.TREATMENT, null, "all", Today.date(), Today.date().plusMonths(6), Today.date(),
				"the patient")).id());
	}

	/** The patient's consent naming a system calling the API (by its client id), recorded by Dana. */
	public UUID consentForClient(DisclosureConsents consents, PatientId patient, String clientId) {
		return actors.as(INSIDE, () -> consents.record(patient, new NewConsent(RecipientKind.API_CLIENT, null, clientId,
				"Care platform", Purpose.TREATMENT, null, "all", Today.date(), Today.date().plusMonths(6), Today.date(),
				"the patient")).id());
	}

	/** Marcus breaks the glass on the patient. */
	public void breakGlass(BreakGlass glass, PatientId patient) {
		actors.run(OUTSIDE, () -> glass.open(patient, "unresponsive in the clinic, overdose suspected", Duration.ofHours(1)));
	}
}
