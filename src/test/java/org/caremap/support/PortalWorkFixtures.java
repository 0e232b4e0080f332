package org.caremap.support;

import java.util.function.Supplier;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.identity.PortalAuthentication;
import org.caremap.identity.PortalPrincipal;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.portal.PortalAccounts;
import org.caremap.program.Programs;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * For the tests of what the patient does in the portal: a patient on Dana's caseload (Complex care), and API calls made
 * as a portal principal (the principal a portal sign-in makes, from the account).
 */
public final class PortalWorkFixtures {

	private PortalWorkFixtures() {
	}

	/** Dana Whitfield, the demo case manager. */
	public static UserId dana(UserAccounts accounts) {
		return accounts.findByUsername("casemanager").orElseThrow().id();
	}

	/** Enrols the patient in Complex care on Dana's caseload today; returns the case. */
	public static CaseId onDanasCaseload(Programs programs, Cases cases, UserAccounts accounts, UserDetailsService users,
			PatientId patient) {
		var program = programs.active().stream().filter(p -> p.name().equals("Complex care")).findFirst().orElseThrow();
		return new Actors(users).as("supervisor", () -> cases.enrol(new Enrolment(patient, program.id(), null, dana(accounts),
				Today.date(), new Consent(Today.date(), ConsentMethod.VERBAL, "Dana Whitfield, RN", true, true, true, true),
				Acuity.MODERATE, "portal work")));
	}

	/** A patient of Dana's with a portal account of their own, and their case. */
	public record PortalPatient(PatientId patient, CaseId caseId, PortalLogins.PortalLogin login) {
	}

	/**
	 * Registers a patient ({@code given family}, speaking {@code language}), enrols them on Dana's caseload today and
	 * opens their own portal account: how the tests of what the patient does in the portal start.
	 */
	public static PortalPatient patientOnDanasCaseload(ApplicationContext context, String family, String given,
			String language) {
		PatientId patient = PortalFixtures.patient(context.getBean(PatientRegistry.class),
				context.getBean(Organizations.class), family, given, language);
		CaseId caseId = onDanasCaseload(context.getBean(Programs.class), context.getBean(Cases.class),
				context.getBean(UserAccounts.class), context.getBean(UserDetailsService.class), patient);
		return new PortalPatient(patient, caseId,
				PortalLogins.patient(context.getBean(PortalAccounts.class), patient, given + " " + family));
	}

	/** Runs the work as the portal principal of this account, as a signed-in portal request would. */
	public static <T> T asPortal(PortalAccounts accounts, PortalLogins.PortalLogin login, Supplier<T> work) {
		PortalPrincipal principal = accounts.principal(login.accountId()).orElseThrow();
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PortalAuthentication(principal));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}
}
