package org.caremap.demo.internal;

import java.time.LocalDate;
import java.util.List;

import org.caremap.access.DisclosureConsents;
import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.caseload.Consent;
import org.caremap.caseload.ConsentMethod;
import org.caremap.caseload.Enrolment;
import org.caremap.contact.NoteContent;
import org.caremap.contact.NoteFormat;
import org.caremap.contact.Notes;
import org.caremap.identity.UserAccounts;
import org.caremap.identity.UserView;
import org.caremap.organization.Organizations;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * The demo's 42 CFR Part 2 records: two of Marcus Bell's patients are also in the Recovery support program with Dana
 * Whitfield, who writes a signed note in each. Marcus sees the first one's chart with the program's records withheld
 * (and the way to emergency access); the second signed a consent naming him for treatment, so he sees them with the
 * notice against redisclosure. Made once.
 */
@Component
@Order(145)
class DemoPart2 implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoPart2.class);

	private final DemoOrganization demo;
	private final Programs programs;
	private final Cases cases;
	private final Notes notes;
	private final DisclosureConsents consents;
	private final UserAccounts accounts;
	private final UserDetailsService users;
	private final Organizations organizations;

	DemoPart2(DemoOrganization demo, Programs programs, Cases cases, Notes notes, DisclosureConsents consents,
			UserAccounts accounts, UserDetailsService users, Organizations organizations) {
		this.demo = demo;
		this.programs = programs;
		this.cases = cases;
		this.notes = notes;
		this.consents = consents;
		this.accounts = accounts;
		this.users = users;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			make();
		}
		catch (RuntimeException ex) {
			log.warn("Demo Part 2 records not made: {}", ex.getMessage());
		}
	}

	private void make() {
		ProgramView recovery = programs.all().stream()
			.filter(p -> p.confidentiality() == Confidentiality.PART2 && p.name().equals("Recovery support")).findFirst()
			.orElse(null);
		if (recovery == null) return;
		UserView dana = accounts.findByUsername("casemanager").orElseThrow();
		UserView marcus = accounts.findByUsername("casemanager2").orElseThrow();
		List<CaseloadRow> recovering = cases.caseload(dana.id()).stream().filter(r -> r.program().equals(recovery.id())).toList();
		if (!recovering.isEmpty()) return;
		List<CaseloadRow> chosen = cases.caseload(marcus.id()).stream().limit(2).toList();
		if (chosen.size() < 2) return;
		LocalDate today = organizations.today();
		for (int i = 0; i < chosen.size(); i++) {
			CaseloadRow row = chosen.get(i);
			LocalDate start = today.minusDays(40 + 20L * i);
			CaseId recoveryCase = SystemActor.call("demo", List.of("SYSTEM"), () -> cases.enrol(new Enrolment(row.patient(),
					recovery.id(), null, dana.id(), start, new Consent(start, ConsentMethod.WRITTEN, dana.displayName(), true, true,
							true, true), Acuity.HIGH, "Opioid use disorder in early remission, on buprenorphine")));
			boolean consented = i == 1;
			DemoUsers.as(users, "casemanager", () -> {
				java.util.UUID note = notes.draft(row.patient(), recoveryCase, new NoteContent(NoteFormat.SOAP, List.of(
						"Attends group twice a week; reports cravings lower since the dose change.",
						"Urine screen negative. Buprenorphine refill picked up on time.",
						"Stable in early remission; housing still uncertain.",
						"Keep weekly check-ins; refer to peer recovery coach; review in 7 days."), null, null, null));
				notes.sign(note);
				if (consented) {
					consents.record(row.patient(), new DisclosureConsents.NewConsent(DisclosureConsents.RecipientKind.STAFF,
							marcus.id(), null, "", DisclosureConsents.Purpose.TREATMENT, null,
							"Recovery program notes, care plan and medications, to coordinate chronic care", start, start.plusYears(1),
							start, "The patient"));
				}
				return null;
			});
		}
	}
}
