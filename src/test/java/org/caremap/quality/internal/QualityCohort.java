package org.caremap.quality.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.caremap.access.CareRelationships;
import org.caremap.access.RelationshipKind;
import org.caremap.assessment.AssessmentCompleted;
import org.caremap.careplan.CarePlanContent.Achievement;
import org.caremap.careplan.CarePlanContent.Lifecycle;
import org.caremap.careplan.CarePlanRevised;
import org.caremap.careplan.CarePlanRevised.GoalState;
import org.caremap.caseload.CaseClosed;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseOpened;
import org.caremap.contact.ContactKinds;
import org.caremap.contact.ContactLogged;
import org.caremap.organization.Organizations;
import org.caremap.patient.PatientRegistry;
import org.caremap.program.Confidentiality;
import org.caremap.program.ProgramDefinition;
import org.caremap.program.ProgramId;
import org.caremap.program.ProgramType;
import org.caremap.program.Programs;
import org.caremap.referral.ReferralId;
import org.caremap.referral.ReferralReceived;
import org.caremap.shared.PatientId;
import org.caremap.shared.SystemActor;
import org.caremap.shared.UserId;
import org.caremap.support.Actors;
import org.caremap.support.Eventually;
import org.caremap.transition.EdVisitRecorded;
import org.caremap.transition.PatientAdmitted;
import org.caremap.transition.PatientDischarged;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small cohort whose outcome figures are known, built from the events the modules publish (cases opened and
 * closed, admissions, discharges, ED visits, contacts, referrals), delivered to the quality module's listeners
 * (only to them: the other modules' listeners would make work for cases and encounters that do not exist), in a
 * program of its own, over the first quarter of 2025. Patients A, B and C are in the program (A and B with case manager {@link #managerX}, C with
 * {@link #managerY}); D is in another program and must never count.
 *
 * <pre>
 * A: enrolled 2024-12-01, open. Stays 01-10..01-15 and 01-16..01-20 (1 day apart: one stay, 01-10..01-20),
 *    02-05..02-08 (16 days after: a readmission, and itself an index stay not readmitted). Reached 2024-12-20,
 *    01-15, 02-10, 03-05, 03-30 (longest gap 26 days: cadence of 30 kept).
 * B: referred 2025-01-02, enrolled 01-05, closed 03-10 ("Goals met"). Same-day stay 02-01 (no index), stay
 *    02-20..02-25 (index; next admission 03-30 is 33 days later: not readmitted), 03-30..04-02. ED 2024-10-01,
 *    2024-12-20, 2025-05-01; admitted 2024-11-01..11-03. Reached 01-20 and 03-01, no answer 02-10 (gap 40: not kept).
 *    First contact 18 days after the referral.
 * C: referred 02-01, enrolled 02-10, closed 03-20 ("Moved away"). Stay 03-01..03-05 (index), 03-25..03-28 (20 days
 *    after: readmitted; discharged after the case closed, so no index itself). Reached 03-01 (kept; 28 days to
 *    first contact).
 * After the index discharges (A 01-20 and 02-08, B 02-25, C 03-05): A reached 02-10 (2 business days after Saturday
 *    02-08), visits A 01-25, B 03-06, C 03-05 (the discharge day: TCM, not TRC), reconciliations A 01-20, B 04-01 (too
 *    late), C 03-20. Community referrals: A sent 01-12 closed 02-01; B sent 02-15 closed 04-10 (after the period); C
 *    sent 2024-12-01 (before the period); D's in the other program.
 * Social needs: A's found 01-15, met 02-20 (36 days); B's found 03-01, met 04-05 (after the period), and one found
 *    2024-11-01 (before the period); C's found 02-01 (before C was enrolled); D's in the other program.
 * Authorizations decided: A in 20 hours, B in 200 (late), C in 50, C's withdrawal (no decision), D's elsewhere.
 * Goals: A's first met 2025-02-01 (in the period), its second met 2024-12-20 (before: not counted); B's never met;
 *    C's cancelled 02-20 (not met); D's met in the other program.
 * PHQ-9: A 16 on 2024-12-05, 7 on 02-15 (response, no remission); B 12 on 01-10, 3 on 02-01 (too soon to be a
 *    follow-up), 4 on 03-08 (response and remission); C 8 on 02-12 (below 10: no baseline).
 * D: another program, enrolled 2025-01-01; stays 02-01..02-05 and 02-10..02-12; referred to the cohort's program
 *    2025-03-15 and never contacted after; a referral of A on 2024-12-15 is outside the period.
 * </pre>
 */
public final class QualityCohort {

	public static final LocalDate FROM = LocalDate.of(2025, 1, 1);
	public static final LocalDate TO = LocalDate.of(2025, 3, 31);

	public final ProgramId program;
	public final ProgramId other;
	public final UserId managerX = new UserId(UUID.randomUUID());
	public final UserId managerY = new UserId(UUID.randomUUID());
	public final PatientId a;
	public final PatientId b;
	public final PatientId c;
	public final PatientId d;
	private final QualityFacts facts;
	private final Organizations organizations;
	private final JdbcClient jdbc;

	public QualityCohort(ApplicationContext context, String name) {
		this.facts = context.getBean(QualityFacts.class);
		this.organizations = context.getBean(Organizations.class);
		this.jdbc = context.getBean(JdbcClient.class);
		Programs programs = context.getBean(Programs.class);
		PatientRegistry registry = context.getBean(PatientRegistry.class);
		var org = organizations.primary().orElseThrow().id();
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		program = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org, new ProgramDefinition(
				name + " " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true))).id();
		other = SystemActor.call("test", List.of("ADMIN"), () -> programs.create(org, new ProgramDefinition(
				name + " other " + suffix, ProgramType.COMPLEX_CARE, "", "", 30, Confidentiality.STANDARD, true))).id();
		a = Actors.newPatient(registry, org, "Quality-A");
		b = Actors.newPatient(registry, org, "Quality-B");
		c = Actors.newPatient(registry, org, "Quality-C");
		d = Actors.newPatient(registry, org, "Quality-D");
		build();
	}

	private Instant at(String day) {
		return LocalDate.parse(day).atTime(LocalTime.NOON).atZone(organizations.zone()).toInstant();
	}

	private void publish(Object... all) {
		for (Object e : all) {
			if (e instanceof CaseOpened x) facts.on(x);
			else if (e instanceof CaseClosed x) facts.on(x);
			else if (e instanceof PatientAdmitted x) facts.on(x);
			else if (e instanceof PatientDischarged x) facts.on(x);
			else if (e instanceof EdVisitRecorded x) facts.on(x);
			else if (e instanceof ContactLogged x) facts.on(x);
			else if (e instanceof ReferralReceived x) facts.on(x);
			else if (e instanceof AssessmentCompleted x) facts.on(x);
			else if (e instanceof CarePlanRevised x) facts.on(x);
			else if (e instanceof org.caremap.appointment.AppointmentKept x) facts.on(x);
			else if (e instanceof org.caremap.medication.ReconciliationSigned x) facts.on(x);
			else if (e instanceof org.caremap.community.CommunityReferralSent x) facts.on(x);
			else if (e instanceof org.caremap.community.CommunityReferralClosed x) facts.on(x);
			else if (e instanceof org.caremap.utilization.AuthorizationDecided x) facts.on(x);
			else if (e instanceof org.caremap.assessment.SocialNeedIdentified x) facts.on(x);
			else if (e instanceof org.caremap.assessment.SocialNeedResolved x) facts.on(x);
			else throw new IllegalArgumentException("not a cohort event: " + e);
		}
	}

	private Object admitted(PatientId p, UUID encounter, String day) {
		return new PatientAdmitted(p, encounter, "RIVERSIDE GENERAL", null, at(day));
	}

	private Object discharged(PatientId p, UUID encounter, String day) {
		return new PatientDischarged(p, encounter, "I", "RIVERSIDE GENERAL", at(day), null, null);
	}

	private void stay(PatientId p, String in, String out) {
		UUID encounter = UUID.randomUUID();
		publish(admitted(p, encounter, in), discharged(p, encounter, out));
	}

	private void ed(PatientId p, String day) {
		publish(new EdVisitRecorded(p, UUID.randomUUID(), "RIVERSIDE GENERAL", null, at(day)));
	}

	private void contact(PatientId p, String day, ContactKinds.Outcome outcome) {
		publish(new ContactLogged(UUID.randomUUID(), p, null, ContactKinds.Type.PHONE, ContactKinds.Party.PATIENT, outcome,
				at(day), 10, ContactKinds.StaffKind.CLINICAL_STAFF, "test"));
	}

	private void referral(PatientId p, ProgramId to, String day) {
		publish(new ReferralReceived(new ReferralId(UUID.randomUUID()), p, to, at(day)));
	}

	private void phq9(PatientId p, String day, int total) {
		publish(new AssessmentCompleted(UUID.randomUUID(), p, null, "phq-9", "PHQ-9", List.of(), false, null, List.of(),
				java.math.BigDecimal.valueOf(total), at(day)));
	}

	private void plan(PatientId p, CaseId c, String day, GoalState... goals) {
		publish(new CarePlanRevised(UUID.randomUUID(), p, c, 1, List.of(goals), at(day)));
	}

	private void visit(PatientId p, String day) {
		publish(new org.caremap.appointment.AppointmentKept(p, UUID.randomUUID(), at(day),
				org.caremap.appointment.AppointmentKind.PROVIDER_VISIT, "Dr Lee"));
	}

	private void reconciled(PatientId p, String day) {
		publish(new org.caremap.medication.ReconciliationSigned(p, UUID.randomUUID(), null, at(day), "test"));
	}

	private void need(PatientId p, String found, @org.jspecify.annotations.Nullable String met) {
		UUID need = UUID.randomUUID();
		publish(new org.caremap.assessment.SocialNeedIdentified(need, p, "food", LocalDate.parse(found)));
		if (met != null) publish(new org.caremap.assessment.SocialNeedResolved(need, p, at(met)));
	}

	private void community(PatientId p, String sent, @org.jspecify.annotations.Nullable String closed) {
		UUID referral = UUID.randomUUID();
		publish(new org.caremap.community.CommunityReferralSent(referral, p, UUID.randomUUID(), "Food bank", "Groceries", null,
				"https://example.org/x", at(sent).plus(java.time.Duration.ofDays(14)), false, null, at(sent)));
		if (closed != null) {
			publish(new org.caremap.community.CommunityReferralClosed(referral, p, managerX, "test",
					org.caremap.community.ReferralStatus.COMPLETED, org.caremap.community.ReferralOutcome.SERVICE_DELIVERED, null,
					null, null, UUID.randomUUID(), "Food bank", at(closed)));
		}
	}

	private void authorization(PatientId p, String sent, long hours, org.caremap.utilization.AuthorizationStatus status) {
		Instant submitted = at(sent);
		publish(new org.caremap.utilization.AuthorizationDecided(p, UUID.randomUUID(), status, "Medicare Advantage", "Home health",
				submitted.plus(java.time.Duration.ofHours(hours)), submitted, java.util.List.of()));
	}

	private CaseId open(PatientId p, ProgramId in, UserId manager, String day) {
		CaseId id = new CaseId(UUID.randomUUID());
		publish(new CaseOpened(id, p, in, manager, LocalDate.parse(day)));
		return id;
	}

	private void build() {
		CaseId caseA = open(a, program, managerX, "2024-12-01");
		CaseId caseB = open(b, program, managerX, "2025-01-05");
		CaseId caseC = open(c, program, managerY, "2025-02-10");
		CaseId caseD = open(d, other, managerX, "2025-01-01");
		publish(new CaseClosed(caseB, b, "Goals met", "IMPROVED", LocalDate.parse("2025-03-10")),
				new CaseClosed(caseC, c, "Moved away", "UNCHANGED", LocalDate.parse("2025-03-20")));

		stay(a, "2025-01-10", "2025-01-15");
		stay(a, "2025-01-16", "2025-01-20");
		stay(a, "2025-02-05", "2025-02-08");
		stay(b, "2025-02-01", "2025-02-01");
		stay(b, "2025-02-20", "2025-02-25");
		stay(b, "2025-03-30", "2025-04-02");
		stay(b, "2024-11-01", "2024-11-03");
		ed(b, "2024-10-01");
		ed(b, "2024-12-20");
		ed(b, "2025-05-01");
		stay(c, "2025-03-01", "2025-03-05");
		stay(c, "2025-03-25", "2025-03-28");
		stay(d, "2025-02-01", "2025-02-05");
		stay(d, "2025-02-10", "2025-02-12");

		for (String day : List.of("2024-12-20", "2025-01-15", "2025-02-10", "2025-03-05", "2025-03-30")) {
			contact(a, day, ContactKinds.Outcome.REACHED);
		}
		contact(b, "2025-01-20", ContactKinds.Outcome.REACHED);
		contact(b, "2025-02-10", ContactKinds.Outcome.NO_ANSWER);
		contact(b, "2025-03-01", ContactKinds.Outcome.REACHED);
		contact(c, "2025-03-01", ContactKinds.Outcome.REACHED);
		contact(d, "2025-01-10", ContactKinds.Outcome.REACHED);

		UUID g1 = UUID.randomUUID(), g2 = UUID.randomUUID(), g3 = UUID.randomUUID(), g4 = UUID.randomUUID(), g5 = UUID.randomUUID();
		plan(a, caseA, "2024-12-10", new GoalState(g1, Lifecycle.ACTIVE, Achievement.IN_PROGRESS),
				new GoalState(g2, Lifecycle.ACTIVE, Achievement.IN_PROGRESS));
		plan(a, caseA, "2024-12-20", new GoalState(g1, Lifecycle.ACTIVE, Achievement.IMPROVING),
				new GoalState(g2, Lifecycle.ACTIVE, Achievement.ACHIEVED));
		plan(a, caseA, "2025-02-01", new GoalState(g1, Lifecycle.ACTIVE, Achievement.ACHIEVED),
				new GoalState(g2, Lifecycle.ACTIVE, Achievement.SUSTAINING));
		plan(b, caseB, "2025-01-06", new GoalState(g3, Lifecycle.ACTIVE, Achievement.IN_PROGRESS));
		plan(c, caseC, "2025-02-11", new GoalState(g4, Lifecycle.ACTIVE, Achievement.IN_PROGRESS));
		plan(c, caseC, "2025-02-20", new GoalState(g4, Lifecycle.CANCELLED, Achievement.IN_PROGRESS));
		plan(d, caseD, "2025-01-05", new GoalState(g5, Lifecycle.COMPLETED, Achievement.ACHIEVED));

		visit(a, "2025-01-25");
		visit(b, "2025-03-06");
		visit(c, "2025-03-05");
		reconciled(a, "2025-01-20");
		reconciled(b, "2025-04-01");
		reconciled(c, "2025-03-20");
		community(a, "2025-01-12", "2025-02-01");
		community(b, "2025-02-15", "2025-04-10");
		community(c, "2024-12-01", "2025-01-10");
		community(d, "2025-02-01", "2025-02-03");
		need(a, "2025-01-15", "2025-02-20");
		need(b, "2025-03-01", "2025-04-05");
		need(b, "2024-11-01", "2025-01-05");
		need(c, "2025-02-01", null);
		need(d, "2025-02-01", "2025-02-02");

		authorization(a, "2025-01-10", 20, org.caremap.utilization.AuthorizationStatus.APPROVED);
		authorization(b, "2025-02-03", 200, org.caremap.utilization.AuthorizationStatus.DENIED);
		authorization(c, "2025-02-20", 50, org.caremap.utilization.AuthorizationStatus.APPROVED);
		authorization(c, "2025-03-01", 10, org.caremap.utilization.AuthorizationStatus.WITHDRAWN);
		authorization(d, "2025-02-02", 5, org.caremap.utilization.AuthorizationStatus.APPROVED);

		phq9(a, "2024-12-05", 16);
		phq9(a, "2025-02-15", 7);
		phq9(b, "2025-01-10", 12);
		phq9(b, "2025-02-01", 3);
		phq9(b, "2025-03-08", 4);
		phq9(c, "2025-02-12", 8);

		referral(a, program, "2024-12-15");
		referral(b, program, "2025-01-02");
		referral(c, program, "2025-02-01");
		referral(d, program, "2025-03-15");

		UUID[] ids = { a.value(), b.value(), c.value(), d.value() };
		Eventually.until("the quality read model holds the cohort", () -> count("quality_case", ids) == 4
				&& jdbc.sql("select count(*) from quality_case_closure x join quality_case c on c.case_id = x.case_id where c.patient_id = any(?)")
					.param(ids).query(Long.class).single() == 2
				&& jdbc.sql("select count(*) from quality_stay where patient_id = any(?) and admitted_on is not null and (kind = 'ED' or discharged_on is not null)")
					.param(ids).query(Long.class).single() == 14
				&& count("quality_contact", ids) == 10 && count("quality_referral", ids) == 4 && count("quality_phq9", ids) == 6 && count("quality_authorization", ids) == 4 && count("quality_visit", ids) == 3 && count("quality_reconciliation", ids) == 3
				&& jdbc.sql("select count(*) from quality_community_referral where patient_id = any(?) and sent_on is not null and closed_on is not null")
					.param(ids).query(Long.class).single() == 4
				&& GOALS.equals(jdbc.sql("""
						select string_agg(first_on || '/' || coalesce(met_on::text, '') || '/' || coalesce(dropped_on::text, ''), ','
						                  order by first_on, met_on, dropped_on)
						from quality_goal where patient_id = any(?)""").param(ids).query(String.class).single()));
	}

	/** Every version of the plans heard (first seen, met, dropped per goal), whatever order they arrived in. */
	private static final String GOALS = "2024-12-10/2024-12-20/,2024-12-10/2025-02-01/,2025-01-05/2025-01-05/,2025-01-06//,"
			+ "2025-02-11//2025-02-20";

	private long count(String table, UUID[] ids) {
		return jdbc.sql("select count(*) from " + table + " where patient_id = any(?)").param(ids).query(Long.class).single();
	}

	/** Lets this member of staff read the cohort's patients A, B and C (as their care team). */
	public static void careFor(CareRelationships relationships, UserId user, PatientId... patients) {
		SystemActor.run("test", List.of("SYSTEM"), () -> {
			for (PatientId p : patients) relationships.open(user, p, RelationshipKind.CARE_TEAM, "test:quality");
		});
	}
}
