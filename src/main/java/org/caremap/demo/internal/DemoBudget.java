package org.caremap.demo.internal;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.caremap.budget.BookingSource;
import org.caremap.budget.BudgetEntry;
import org.caremap.budget.BudgetLine;
import org.caremap.budget.Budgets;
import org.caremap.budget.NewRate;
import org.caremap.budget.PatientShare;
import org.caremap.budget.PatientShares;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseloadRow;
import org.caremap.caseload.Cases;
import org.caremap.organization.Organizations;
import org.caremap.program.ProgramView;
import org.caremap.program.Programs;
import org.caremap.shared.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's program budgets: the contract rates of the services the demo authorizations ask for (home health visits,
 * therapy, a hospital bed, cardiac rehabilitation, an MRI), a ride, and an hour of staff time; a budget for this year
 * for every active program; and what the patient pays for the arranged services of the demo home-health patient's plan
 * (a $10 copay per nursing visit, the others free, on a sliding scale or not known yet). The costs themselves are
 * booked by the budget module from the demo's authorizations, appointments and contacts, as they would be. Made once.
 */
@Component
@Order(130)
class DemoBudget implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoBudget.class);
	private static final String HOME_VISITS = "Skilled nursing home visits";

	private final DemoOrganization demo;
	private final Budgets budgets;
	private final PatientShares shares;
	private final Programs programs;
	private final Cases cases;
	private final CarePlans plans;
	private final Organizations organizations;

	DemoBudget(DemoOrganization demo, Budgets budgets, PatientShares shares, Programs programs, Cases cases, CarePlans plans,
			Organizations organizations) {
		this.demo = demo;
		this.budgets = budgets;
		this.shares = shares;
		this.programs = programs;
		this.cases = cases;
		this.plans = plans;
		this.organizations = organizations;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demo.enabled()) return;
		try {
			SystemActor.run("demo", List.of("ADMIN", "SYSTEM"), () -> {
				rates();
				budgetsOfThisYear();
				shares();
			});
		}
		catch (RuntimeException ex) {
			log.warn("Demo budgets not made: {}", ex.getMessage());
		}
	}

	private void rates() {
		if (!budgets.rates().isEmpty()) return;
		LocalDate from = LocalDate.of(LocalDate.now(organizations.zone()).getYear() - 1, 1, 1);
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "G0299", "RN visit, home health", from, null, 14_500));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, "Lakeshore Health Plan", "G0299", "RN visit, Medicaid fee schedule", from, null, 11_800));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "97110", "Therapeutic exercise, 15 minutes", from, null, 3_150));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "97116", "Gait training, 15 minutes", from, null, 2_890));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "E0260", "Hospital bed, monthly rental", from, null, 21_000));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "93798", "Cardiac rehabilitation session", from, null, 11_600));
		budgets.addRate(new NewRate(BookingSource.AUTHORIZATION, null, "72148", "MRI lumbar spine", from, null, 52_500));
		budgets.addRate(new NewRate(BookingSource.TRANSPORT, null, "TRIP", "Non-emergency medical transport, round trip", from, null, 4_500));
		budgets.addRate(new NewRate(BookingSource.STAFF_TIME, null, "CLINICAL_STAFF", "RN and social worker time", from, null, 6_200));
		budgets.addRate(new NewRate(BookingSource.STAFF_TIME, null, "PHYSICIAN", "Physician time", from, null, 18_000));
	}

	private void budgetsOfThisYear() {
		int year = LocalDate.now(organizations.zone()).getYear();
		for (ProgramView p : programs.active()) {
			if (budgets.find(p.id(), year).isPresent()) continue;
			Map<BudgetLine, Long> cents = new EnumMap<>(BudgetLine.class);
			cents.put(BudgetLine.STAFF_TIME, 900_000L);
			cents.put(BudgetLine.PURCHASED_SERVICES, 600_000L);
			cents.put(BudgetLine.TRANSPORT, 90_000L);
			cents.put(BudgetLine.FLEXIBLE_FUNDS, 50_000L);
			budgets.save(new BudgetEntry(p.id(), year, cents, null, null));
		}
	}

	/** The plan that holds the home-health visits: its arranged services with what the patient pays. */
	private void shares() {
		for (ProgramView p : programs.active()) {
			for (CaseloadRow c : cases.activeInProgram(p.id())) {
				CarePlanView plan = plans.ofCase(c.id()).orElse(null);
				if (plan == null) continue;
				List<CarePlanContent.Intervention> arranged = plan.content().interventions().stream()
					.filter(i -> i.owner() == CarePlanContent.Owner.PROVIDER || i.owner() == CarePlanContent.Owner.COMMUNITY
							|| i.owner() == CarePlanContent.Owner.CASE_MANAGER)
					.toList();
				if (arranged.stream().noneMatch(i -> i.text().startsWith(HOME_VISITS))) continue;
				if (!shares.of(c.patient(), arranged.stream().map(CarePlanContent.Intervention::id).toList()).isEmpty()) return;
				int n = 0;
				for (CarePlanContent.Intervention i : arranged) {
					PatientShare share = i.text().startsWith(HOME_VISITS)
							? new PatientShare(PatientShare.Kind.COPAY, 1_000L, PatientShare.Per.VISIT, null)
							: switch (n++ % 3) {
								case 0 -> new PatientShare(PatientShare.Kind.FREE, null, null, null);
								case 1 -> new PatientShare(PatientShare.Kind.SLIDING_SCALE, 1_500L, PatientShare.Per.SESSION, "Income checked in March");
								default -> new PatientShare(PatientShare.Kind.UNKNOWN, null, null, "Waiting for the fee schedule");
							};
					shares.record(c.patient(), i.id(), share);
				}
				return;
			}
		}
	}
}
