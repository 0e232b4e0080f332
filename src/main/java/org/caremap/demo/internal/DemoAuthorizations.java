package org.caremap.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.careplan.CarePlanContent;
import org.caremap.careplan.CarePlanView;
import org.caremap.careplan.CarePlans;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.Cases;
import org.caremap.patient.Coverage;
import org.caremap.patient.PatientRegistry;
import org.caremap.shared.Ids;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.caremap.utilization.AppealStatus;
import org.caremap.utilization.AuthorizationView;
import org.caremap.utilization.Authorizations;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.Decision;
import org.caremap.utilization.Eligibilities;
import org.caremap.utilization.NewAuthorization;
import org.caremap.utilization.PayerRule;
import org.caremap.utilization.PayerRules;
import org.caremap.utilization.UnitKind;
import org.caremap.utilization.Urgency;
import org.springframework.stereotype.Component;

/**
 * Demo prior authorizations, so a newcomer sees the work: the payer rules of the demo payers (with their sources);
 * home health visits approved with units used, on which a care-plan intervention depends; physical therapy partially
 * approved; a hospital bed denied, with its appeal filed; one request waiting for the payer's decision and one whose
 * decision is late; and an eligibility check answered. The utilization review nurse reviews these patients.
 */
@Component
class DemoAuthorizations {

	private final Authorizations authorizations;
	private final PayerRules rules;
	private final Eligibilities eligibilities;
	private final PatientRegistry patients;
	private final Cases cases;
	private final CarePlans plans;
	private final CareRelationships relationships;

	DemoAuthorizations(Authorizations authorizations, PayerRules rules, Eligibilities eligibilities, PatientRegistry patients,
			Cases cases, CarePlans plans, CareRelationships relationships) {
		this.authorizations = authorizations;
		this.rules = rules;
		this.eligibilities = eligibilities;
		this.patients = patients;
		this.cases = cases;
		this.plans = plans;
		this.relationships = relationships;
	}

	void rules() {
		rules.save(new PayerRule(null, "Lakeshore Health Plan", PayerRule.PayerType.MEDICAID, 72, 7,
				"CMS Interoperability and Prior Authorization final rule (CMS-0057-F): Medicaid managed care decides within 72 hours (expedited) and 7 calendar days (standard) from 1 January 2026",
				60, "Medicaid managed care: 60 days from the adverse benefit determination (42 CFR 438.402(c)(2)(ii))", 80, 10));
		rules.save(new PayerRule(null, "Medicare", PayerRule.PayerType.MEDICARE, 72, 7,
				"Set by Riverside Care Partners for Medicare fee-for-service prior authorization programs; check each program's own time frames",
				120, "Medicare fee-for-service redetermination: 120 days from the initial determination (42 CFR 405.942)", 80, 10));
		rules.save(new PayerRule(null, "Lakeshore Medicare Advantage", PayerRule.PayerType.MEDICARE_ADVANTAGE, 72, 7,
				"CMS Interoperability and Prior Authorization final rule (CMS-0057-F): Medicare Advantage decides within 72 hours (expedited) and 7 calendar days (standard) from 1 January 2026",
				65, "Medicare Advantage reconsideration: 65 days from the notice (42 CFR 422.582)", 80, 10));
	}

	/** The demo authorizations for the first of these patients that have a coverage. */
	void create(List<PatientId> candidates, UserId reviewer, ZoneId zone) {
		LocalDate today = LocalDate.now(zone);
		Instant now = Instant.now();
		List<PatientId> covered = new ArrayList<>();
		for (PatientId p : candidates) {
			if (coverage(p).isPresent()) covered.add(p);
			if (covered.size() == 6) break;
		}
		for (PatientId p : covered) relationships.open(reviewer, p, RelationshipKind.UTILIZATION_REVIEW, "demo");
		if (covered.size() < 6) return;

		// home health: approved, 10 of 12 visits used (the re-authorization is due), a care-plan intervention depends on it
		PatientId home = covered.get(0);
		UUID intervention = intervention(home, "Skilled nursing home visits twice a week after the hospital stay");
		UUID a = authorizations.draft(new NewAuthorization(home, coverage(home).orElseThrow(), "Home health skilled nursing visits",
				List.of("I50.9", "E11.9"), "Dr. Maria Alvarez", "Riverside Home Health", today.minusDays(40), today.plusDays(20),
				Urgency.STANDARD, "Heart failure with two admissions in 60 days; daily weights, medication teaching and symptom checks at home.",
				List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "G0299", "RN visit, home health", 12, UnitKind.VISIT)), intervention));
		authorizations.submit(a, now.minus(Duration.ofDays(42)));
		decideAll(a, "LHP-PA-20418", now.minus(Duration.ofDays(39)), today.minusDays(40), today.plusDays(20), null);
		UUID line = authorizations.find(a).orElseThrow().lines().get(0).id();
		for (int i = 0; i < 10; i++) authorizations.useUnits(line, today.minusDays(38 - i * 3L), 1, null, "Home visit");

		// physical therapy: partially approved (12 of 24 units of therapeutic exercise; gait training in full)
		PatientId therapy = covered.get(1);
		UUID pt = authorizations.draft(new NewAuthorization(therapy, coverage(therapy).orElseThrow(), "Outpatient physical therapy",
				List.of("M17.11", "R26.81"), "Dr. James Okafor", "Lakeshore Rehab", today.minusDays(10), today.plusDays(50),
				Urgency.STANDARD, "Right knee osteoarthritis with unsteady gait; two falls this winter.",
				List.of(new NewAuthorization.Line(CodeSystem.CPT, "97110", "Therapeutic exercise, 15 minutes", 24, UnitKind.UNIT),
						new NewAuthorization.Line(CodeSystem.CPT, "97116", "Gait training, 15 minutes", 8, UnitKind.UNIT)), null));
		authorizations.submit(pt, now.minus(Duration.ofDays(12)));
		AuthorizationView ptView = authorizations.find(pt).orElseThrow();
		authorizations.decide(pt, new Decision("LHP-PA-20533", now.minus(Duration.ofDays(8)), null, List.of(
				new Decision.LineAnswer(ptView.lines().get(0).id(), 12, today.minusDays(8), today.plusDays(50),
						"Medical necessity supports 12 units; request more with progress notes"),
				new Decision.LineAnswer(ptView.lines().get(1).id(), 8, today.minusDays(8), today.plusDays(50), null))));
		authorizations.useUnits(ptView.lines().get(0).id(), today.minusDays(5), 2, null, "First session");
		authorizations.useUnits(ptView.lines().get(1).id(), today.minusDays(5), 1, null, "First session");

		// hospital bed: denied, appealed (filed)
		PatientId bed = covered.get(2);
		UUID hb = authorizations.draft(new NewAuthorization(bed, coverage(bed).orElseThrow(), "Semi-electric hospital bed",
				List.of("G30.9", "R26.2"), "Dr. Helen Park", "Columbus Medical Supply", today.minusDays(14), today.plusDays(350),
				Urgency.STANDARD, "Bed-bound most of the day; needs positioning to prevent pressure injury; caregiver cannot lift.",
				List.of(new NewAuthorization.Line(CodeSystem.HCPCS, "E0260", "Hospital bed, semi-electric, with mattress", 1, UnitKind.UNIT)), null));
		authorizations.submit(hb, now.minus(Duration.ofDays(16)));
		AuthorizationView hbView = authorizations.find(hb).orElseThrow();
		authorizations.decide(hb, new Decision("MCR-DN-7781", now.minus(Duration.ofDays(11)),
				"Documentation does not show the patient needs positioning not possible in an ordinary bed",
				List.of(new Decision.LineAnswer(hbView.lines().get(0).id(), 0, null, null, null))));
		UUID appeal = authorizations.openAppeal(hb, today.minusDays(10));
		authorizations.appealAction(appeal, AppealStatus.Action.FILE, "Faxed with the physician's letter and the nursing notes", null);

		// waiting: one sent two days ago, one expedited whose decision is late
		PatientId waiting = covered.get(3);
		UUID w = authorizations.draft(new NewAuthorization(waiting, coverage(waiting).orElseThrow(), "Cardiac rehabilitation",
				List.of("I25.10"), "Dr. James Okafor", "Lakeshore Heart Center", today.plusDays(3), today.plusDays(90),
				Urgency.STANDARD, "After the myocardial infarction in October; cleared by cardiology.",
				List.of(new NewAuthorization.Line(CodeSystem.CPT, "93798", "Cardiac rehabilitation with monitoring", 36, UnitKind.VISIT)), null));
		authorizations.submit(w, now.minus(Duration.ofDays(2)));
		PatientId late = covered.get(4);
		UUID l = authorizations.draft(new NewAuthorization(late, coverage(late).orElseThrow(), "MRI of the lumbar spine",
				List.of("M54.16"), "Dr. Maria Alvarez", "Riverside Imaging", today, today.plusDays(30),
				Urgency.EXPEDITED, "New leg weakness and numbness; rule out cord compression.",
				List.of(new NewAuthorization.Line(CodeSystem.CPT, "72148", "MRI lumbar spine without contrast", 1, UnitKind.UNIT)), null));
		authorizations.submit(l, now.minus(Duration.ofHours(80)));
		authorizations.requestPeerToPeer(l, "Dr. Maria Alvarez", now.plus(Duration.ofHours(20)));

		// eligibility: asked and answered
		PatientId eligible = covered.get(5);
		UUID e = eligibilities.ask(eligible, payer(eligible), null, "Durable medical equipment: walker", now.minus(Duration.ofDays(3)));
		eligibilities.answer(e, now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(2)), true, false, "Covered under DME benefit; no prior authorization for a standard walker", "ELG-55120");
	}

	private void decideAll(UUID authorization, String reference, Instant at, LocalDate from, LocalDate to, String reason) {
		AuthorizationView v = authorizations.find(authorization).orElseThrow();
		authorizations.decide(authorization, new Decision(reference, at, reason, v.lines().stream()
			.map(x -> new Decision.LineAnswer(x.id(), x.unitsRequested(), from, to, null)).toList()));
	}

	private Optional<UUID> coverage(PatientId patient) {
		return patients.details(patient).flatMap(d -> d.coverage().stream().findFirst()).map(Coverage::id);
	}

	private String payer(PatientId patient) {
		return patients.details(patient).flatMap(d -> d.coverage().stream().findFirst()).map(Coverage::payer).orElse("Medicare");
	}

	/** An intervention added to the patient's care plan (the plan of the open case, started if need be). */
	private UUID intervention(PatientId patient, String text) {
		var kase = cases.ofPatient(patient).stream().filter(c -> c.status() != CaseStatus.CLOSED).findFirst().orElseThrow();
		CarePlanView plan = plans.open(kase.id());
		UUID id = Ids.newId();
		CarePlanContent c = plan.content();
		List<CarePlanContent.Intervention> interventions = new ArrayList<>(c.interventions());
		interventions.add(new CarePlanContent.Intervention(id, null, text, CarePlanContent.Owner.PROVIDER, "Riverside Home Health",
				"Twice a week", CarePlanContent.InterventionStatus.IN_PROGRESS, null, Map.of(), Map.of()));
		plans.save(plan.id(), plan.version(), new CarePlanContent(c.problems(), c.goals(), interventions, c.barriers()),
				"Home health after the hospital stay");
		return id;
	}
}
