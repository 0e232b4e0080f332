package org.caremap.support;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.access.BreakGlass;
import org.caremap.access.DisclosureConsents;
import org.caremap.access.DisclosureConsents.NewConsent;
import org.caremap.access.DisclosureConsents.Purpose;
import org.caremap.access.DisclosureConsents.RecipientKind;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A patient in two programs for the 42 CFR Part 2 tests: a substance-use program (Part 2) whose case manager is
 * {@code inside}, and a standard program whose case manager {@code outside} reads the patient's record but not the
 * Part 2 program's records, until the patient consents to disclose them to {@code outside} or {@code outside}
 * breaks the glass. Both sign in with {@link #PASSWORD}.
 */
public final class Part2People {

	public static final String PASSWORD = "Part2-test-password-1";

	public final Actors actors;
	public final OrganizationView org;
	public final UserView inside;
	public final UserView outside;
	public final PatientId patient;
	public final CaseId part2Case;
	public final CaseId standardCase;
	public final String suffix;

	public Part2People(UserAccounts accounts, Organizations organizations, Programs programs, PatientRegistry registry,
			Cases cases, UserDetailsService users) {
		actors = new Actors(users);
		suffix = UUID.randomUUID().toString().substring(0, 6);
		org = organizations.primary().orElseThrow();
		inside = user(accounts, "Rita Recovery", suffix);
		outside = user(accounts, "Oscar Outside", suffix);
		ProgramView part2 = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Recovery " + suffix, ProgramType.SUBSTANCE_USE, "", "", 7, Confidentiality.PART2, true)));
		ProgramView standard = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org.id(), new ProgramDefinition(
				"Complex care " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true)));
		patient = Actors.newPatient(registry, org.id(), "Segment" + suffix);
		LocalDate today = Today.date();
		part2Case = enrol(cases, part2, inside, today);
		standardCase = enrol(cases, standard, outside, today);
	}

	private CaseId enrol(Cases cases, ProgramView program, UserView manager, LocalDate today) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(patient, program.id(), null,
				manager.id(), today, new Consent(today, ConsentMethod.VERBAL, "Part 2 test", true, true, true, true),
				Acuity.MODERATE, "part 2 test")));
	}

	private static UserView user(UserAccounts accounts, String name, String suffix) {
		String first = name.substring(0, name.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
		return SystemActor.call("test", List.of("ADMIN"), () -> accounts.create(new NewUser("p2." + first + "." + suffix,
				name + " " + suffix, first + suffix + "@example.org", Set.of(Role.CASE_MANAGER), PASSWORD, false)));
	}

	/** The patient's consent, recorded by the Part 2 case manager, to disclose the records to {@code outside}. */
	public UUID consentForOutside(DisclosureConsents consents) {
		LocalDate today = Today.date();
		return actors.as(inside.username(), () -> consents.record(patient, new NewConsent(RecipientKind.STAFF,
				outside.id(), null, outside.displayName(), Purpose.TREATMENT, null, "all", today.minusDays(1),
				today.plusDays(30), today.minusDays(1), "the patient"))).id();
	}

	/** The consent revoked by the Part 2 case manager. */
	public void revoke(DisclosureConsents consents, UUID consent) {
		actors.run(inside.username(), () -> consents.revoke(consent, "The patient changed their mind"));
	}

	/** {@code outside} opens the record in an emergency. */
	public void breakGlass(BreakGlass glass) {
		actors.run(outside.username(), () -> glass.open(patient, "Unresponsive at the clinic, ED asks for history",
				Duration.ofHours(1)));
	}
}
