package org.caremap.demo.internal;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.identity.NewUser;
import org.caremap.identity.Role;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.workforce.CredentialKind;
import org.caremap.workforce.Credentials;
import org.caremap.workforce.NewCredential;
import org.caremap.workforce.TrainingRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo staff's licences, certifications and trainings: Priya and Marcus in good standing, Dana's RN licence
 * expiring in six weeks, Rosa's HIPAA training overdue; and Jordan Reyes, a licensed social worker on a second team of
 * Priya's who has no demo login, whose licence expired twelve days ago, so the supervisor sees an expired licence and
 * that no new case can go to him, while every demo login still takes cases. Made once.
 */
@Component
@Order(135)
class DemoCredentials implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoCredentials.class);
	static final String LAPSED = "jreyes";

	private final DemoOrganization demo;
	private final Credentials credentials;
	private final UserAccounts accounts;
	private final Organizations organizations;

	DemoCredentials(DemoOrganization demo, Credentials credentials, UserAccounts accounts, Organizations organizations) {
		this.demo = demo;
		this.credentials = credentials;
		this.accounts = accounts;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled() || accounts.findByUsername(LAPSED).isPresent()) return;
		try {
			SystemActor.run("demo", List.of("ADMIN", "SYSTEM"), this::create);
		}
		catch (RuntimeException ex) {
			log.warn("Demo credentials not made: {}", ex.getMessage());
		}
	}

	private UserId id(String username) {
		return accounts.findByUsername(username).map(UserView::id).orElseThrow();
	}

	private void create() {
		OrganizationView org = organizations.primary().orElseThrow();
		LocalDate today = organizations.today();
		UUID hipaa = credentials.trainings().stream().filter(TrainingRequirement::active)
			.filter(t -> t.name().startsWith("HIPAA")).map(TrainingRequirement::id).findFirst().orElseThrow();
		UUID motivational = credentials.defineTraining("Motivational interviewing", 24, Role.CASE_MANAGER);

		UserId priya = id("supervisor");
		credentials.add(priya, new NewCredential(CredentialKind.LICENCE, "RN", "OH", "RN.412907", today.plusMonths(20)));
		credentials.add(priya, new NewCredential(CredentialKind.CERTIFICATION, "CCM", null, "CCM-88213", today.plusMonths(30)));
		credentials.recordTraining(priya, hipaa, today.minusMonths(4));

		UserId dana = id("casemanager");
		credentials.add(dana, new NewCredential(CredentialKind.LICENCE, "RN", "OH", "RN.530118", today.plusDays(42)));
		credentials.add(dana, new NewCredential(CredentialKind.CERTIFICATION, "ACM", null, "ACM-20461", today.plusMonths(14)));
		credentials.recordTraining(dana, hipaa, today.minusMonths(7));
		credentials.recordTraining(dana, motivational, today.minusMonths(5));

		UserId marcus = id("casemanager2");
		credentials.add(marcus, new NewCredential(CredentialKind.LICENCE, "LSW", "OH", "S.1902277", today.plusMonths(16)));
		credentials.recordTraining(marcus, hipaa, today.minusMonths(2));
		credentials.recordTraining(marcus, motivational, today.minusMonths(11));

		UserId rosa = id("intake");
		credentials.recordTraining(rosa, hipaa, today.minusMonths(13));

		// a case manager without a demo login: nobody signs in as him, his lapsed licence only shows and blocks
		byte[] secret = new byte[24];
		new SecureRandom().nextBytes(secret);
		UserView jordan = accounts.create(new NewUser(LAPSED, "Jordan Reyes, LCSW", "jreyes@riverside-care.example",
				Set.of(Role.CASE_MANAGER), HexFormat.of().formatHex(secret), true));
		organizations.createTeam(org.id(), "Behavioral health team", priya, List.of(jordan.id()));
		credentials.add(jordan.id(), new NewCredential(CredentialKind.LICENCE, "LCSW", "OH", "I.0817734", today.minusDays(12)));
		credentials.recordTraining(jordan.id(), hipaa, today.minusMonths(9));
		credentials.requireLicence(jordan.id(), true);
		log.info("Demo credentials made: 4 people's licences and trainings, and a lapsed licence for {}", jordan.displayName());
	}
}
