package org.caremap.demo.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.caremap.billing.WorksheetSummary;
import org.caremap.billing.Worksheets;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.Contacts;
import org.caremap.contact.NewContact;
import org.caremap.organization.OrganizationView;
import org.caremap.organization.Organizations;
import org.caremap.organization.ProviderDirectory;
import org.caremap.organization.ProviderView;
import org.caremap.program.ProgramType;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.caremap.shared.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo billing: the chronic care management and complex care programs billed by the first practitioner of the
 * directory, this month's timed work for four patients of each (enough minutes for 99490 + 99439, too few for 99490,
 * physician time for 99491, and none), and this month's worksheets generated from it: the chronic care one signed off
 * (its codes are the FHIR ChargeItems), the complex care one a draft, so that the supervisor (Priya Raman) finds a
 * worksheet with billable and non-billable patients under Billing, ready to review and sign off. The calls are with
 * the primary care office (care coordination), so the patients' follow-up cadences are left as they were.
 */
@Component
@Order(130)
class DemoBilling implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoBilling.class);

	private final DemoOrganization demo;
	private final Worksheets worksheets;
	private final Programs programs;
	private final Cases cases;
	private final CarePlans plans;
	private final Contacts contacts;
	private final ProviderDirectory providers;
	private final Organizations organizations;

	DemoBilling(DemoOrganization demo, Worksheets worksheets, Programs programs, Cases cases, CarePlans plans, Contacts contacts,
			ProviderDirectory providers, Organizations organizations) {
		this.demo = demo;
		this.worksheets = worksheets;
		this.programs = programs;
		this.cases = cases;
		this.plans = plans;
		this.contacts = contacts;
		this.providers = providers;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			SystemActor.run("demo", List.of("ADMIN", "SYSTEM", "SUPERVISOR"), () -> {
				if (worksheets.list(null).isEmpty()) create();
			});
		}
		catch (RuntimeException ex) {
			log.warn("Demo billing not made: {}", ex.getMessage());
		}
	}

	/** Made once, after the patients and their cases exist (as Caremap's demo set-up). */
	private void create() {
		OrganizationView org = organizations.primary().orElseThrow();
		ProviderView doctor = providers.all(org.id()).stream().filter(p -> p.kind() == ProviderView.Kind.PRACTITIONER)
			.findFirst().orElse(null);
		if (doctor == null) return;
		for (ProgramView program : programs.active()) {
			if (program.type() == ProgramType.CHRONIC_CARE_MANAGEMENT) bill(program, doctor, org.zone(), true);
			if (program.type() == ProgramType.COMPLEX_CARE) bill(program, doctor, org.zone(), false);
		}
	}

	/** The program's billing, four patients' work this month, and its worksheet (signed off when {@code sign}). */
	private void bill(ProgramView program, ProviderView doctor, ZoneId zone, boolean sign) {
		worksheets.configureProgram(program.id(), doctor.id(), false);
		List<CaseloadRow> enrolled = cases.activeInProgram(program.id()).stream().limit(4).toList();
		Instant now = Instant.now();
		// this month's work, within today so that it is inside the month whatever day the demo starts on
		Instant start = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
		int[][] minutes = { { 25, 20 }, { 12 }, { 32 }, {} };
		for (int i = 0; i < enrolled.size(); i++) {
			CaseloadRow c = enrolled.get(i);
			CarePlanView plan = plans.open(c.id());
			if (plan.content().isEmpty() && !plans.templates().isEmpty()) {
				plans.applyTemplate(plan.id(), plan.version(), plans.templates().get(0).key());
			}
			ContactKinds.StaffKind staff = i == 2 ? ContactKinds.StaffKind.PHYSICIAN : ContactKinds.StaffKind.CLINICAL_STAFF;
			int n = 0;
			for (int m : minutes[i]) {
				Instant at = start.plus(1 + n++, ChronoUnit.MINUTES);
				if (at.isAfter(now)) at = now;
				contacts.log(new NewContact(c.patient(), c.id(), ContactKinds.Type.PHONE, ContactKinds.Direction.OUTBOUND,
						ContactKinds.Party.PROVIDER, "Primary care office", ContactKinds.Outcome.REACHED, at, m, staff,
						"Care coordination with the primary care office", List.of()));
			}
		}
		// the minutes reach billing through events after commit: generate until the demo's work is on the worksheet
		YearMonth month = YearMonth.from(now.atZone(zone));
		long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
		while (true) {
			List<WorksheetSummary> made = worksheets.generate(program.id(), month);
			boolean seen = made.stream().anyMatch(s -> s.patients() >= Math.min(3, enrolled.size()));
			if (seen || System.nanoTime() > giveUp) {
				if (!seen) log.warn("The demo billing worksheet of {} was generated before all its work arrived", program.name());
				if (sign) made.forEach(s -> worksheets.sign(s.id()));
				return;
			}
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
