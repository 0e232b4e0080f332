package org.caremap.demo.internal;

import java.time.LocalDate;
import java.util.List;

import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.disclosure.DisclosureBasis;
import org.caremap.disclosure.Disclosures;
import org.caremap.disclosure.RequestView;
import org.caremap.identity.UserAccounts;
import org.caremap.organization.Organizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's disclosures: the demo case manager's first patient had an immunisation record reported to the state
 * health department and records sent under a subpoena, and asked yesterday for an accounting of disclosures, which a
 * supervisor answers from the Disclosures tab. (The demo's community referrals add themselves as disclosures for
 * care coordination.) Made once, as Dana Whitfield.
 */
@Component
@Order(140)
class DemoDisclosures implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDisclosures.class);

	private final DemoOrganization demo;
	private final Disclosures disclosures;
	private final Cases cases;
	private final UserAccounts accounts;
	private final UserDetailsService users;
	private final Organizations organizations;

	DemoDisclosures(DemoOrganization demo, Disclosures disclosures, Cases cases, UserAccounts accounts, UserDetailsService users,
			Organizations organizations) {
		this.demo = demo;
		this.disclosures = disclosures;
		this.cases = cases;
		this.accounts = accounts;
		this.users = users;
		this.organizations = organizations;
	}

	private void make() {
		List<CaseloadRow> rows = cases.caseload(accounts.findByUsername("casemanager").orElseThrow().id());
		if (rows.isEmpty()) return;
		var patient = rows.get(0).patient();
		if (disclosures.of(patient).stream().anyMatch(d -> d.source().equals("RECORDED"))) return;
		LocalDate today = organizations.today();
		disclosures.record(patient, new Disclosures.NewDisclosure(today.minusDays(60), "Ohio Department of Health",
				"246 N High St, Columbus, OH 43215", "Immunisation record (influenza, pneumococcal)",
				"Reportable condition follow-up", DisclosureBasis.PUBLIC_HEALTH, null));
		disclosures.record(patient, new Disclosures.NewDisclosure(today.minusDays(20), "Franklin County Court of Common Pleas",
				"345 S High St, Columbus, OH 43215", "Care-management notes of the last 12 months",
				"Subpoena in a guardianship case", DisclosureBasis.JUDICIAL, null));
		disclosures.request(patient, new Disclosures.NewRequest(RequestView.Kind.ACCOUNTING, "The patient, by phone",
				today.minusDays(1), today.minusYears(6), today.minusDays(1)));
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			DemoUsers.as(users, "casemanager", () -> {
				make();
				return null;
			});
		}
		catch (RuntimeException ex) {
			log.warn("Demo disclosures not made: {}", ex.getMessage());
		}
	}
}
