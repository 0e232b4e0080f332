package org.caremap.support;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.caremap.identity.CurrentUser;
import org.caremap.patient.CodedCondition;
import org.caremap.patient.IdentifierType;
import org.caremap.patient.NewPatient;
import org.caremap.patient.PatientIdentifier;
import org.caremap.patient.PatientRegistry;
import org.caremap.patient.Sex;
import org.caremap.shared.OrganizationId;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Runs test steps as a given user, as a signed-in request would, and registers fresh patients. */
public final class Actors {

	private final UserDetailsService users;

	public Actors(UserDetailsService users) {
		this.users = users;
	}

	public <T> T as(String username, Supplier<T> work) {
		CurrentUser user = (CurrentUser) users.loadUserByUsername(username);
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	public void run(String username, Runnable work) {
		as(username, () -> {
			work.run();
			return null;
		});
	}

	/** A new patient nobody cares for yet. */
	public static PatientId newPatient(PatientRegistry registry, OrganizationId org, String family) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return newPatient(registry, org, family, new PatientIdentifier(IdentifierType.MR, "urn:test:mrn", "T-" + unique, "Test Hospital"));
	}

	/** A new patient nobody cares for yet, holding this record number. */
	public static PatientId newPatient(PatientRegistry registry, OrganizationId org, String family, PatientIdentifier mrn) {
		return SystemActor.call("test", List.of("SYSTEM"), () -> registry.register(new NewPatient(org, family, "Test",
				null, LocalDate.of(1950, 5, 17), Sex.FEMALE, "(614) 555-0199", null, "1 Test St", "Columbus", "OH",
				"43215", "en", List.of(mrn),
				List.of(new CodedCondition("I10", "Essential (primary) hypertension", null),
						new CodedCondition("E11.9", "Type 2 diabetes mellitus without complications", null)))));
	}
}
