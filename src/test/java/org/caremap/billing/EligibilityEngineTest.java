package org.caremap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.billing.internal.CaseOutcome;
import org.caremap.billing.internal.CodeThreshold;
import org.caremap.billing.DecisionMaking;
import org.caremap.billing.internal.EligibilityEngine;
import org.caremap.billing.internal.PatientMonth;
import org.caremap.billing.internal.PatientMonth.CaseMonth;
import org.caremap.billing.internal.PatientMonth.Discharge;
import org.caremap.billing.internal.Service;
import org.caremap.billing.internal.StaffTime;
import org.caremap.billing.internal.WorkItem;
import org.caremap.organization.BusinessCalendar;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eligibility engine at every threshold edge, at the month's boundaries in the organisation's zone, and its exclusions. */
class EligibilityEngineTest {

	/** The rows V90 seeds (the billing IT checks the table holds the same). */
	static final List<CodeThreshold> CODES = List.of(
			new CodeThreshold("99490", 2022, Service.CCM, StaffTime.CLINICAL_STAFF, 20, "99439", 20, 2, null, null, "s"),
			new CodeThreshold("99491", 2022, Service.CCM, StaffTime.PHYSICIAN, 30, "99437", 30, null, null, null, "s"),
			new CodeThreshold("99487", 2022, Service.CCM_COMPLEX, StaffTime.CLINICAL_STAFF, 60, "99489", 30, null, null, null, "s"),
			new CodeThreshold("99426", 2022, Service.PCM, StaffTime.CLINICAL_STAFF, 30, "99427", 30, null, null, null, "s"),
			new CodeThreshold("99424", 2022, Service.PCM, StaffTime.PHYSICIAN, 30, "99425", 30, null, null, null, "s"),
			new CodeThreshold("99496", 2022, Service.TCM, null, null, null, null, null, 7, DecisionMaking.HIGH, "s"),
			new CodeThreshold("99495", 2022, Service.TCM, null, null, null, null, null, 14, DecisionMaking.MODERATE, "s"),
			new CodeThreshold("99484", 2022, Service.BHI, StaffTime.CLINICAL_STAFF, 20, null, null, null, null, null, "s"));

	static final YearMonth JANUARY = YearMonth.of(2026, 1);
	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	final EligibilityEngine engine = new EligibilityEngine(CODES);

	@ParameterizedTest(name = "{0} min clinical staff -> {1}")
	@CsvSource({ "0,''", "19,''", "20,99490x1", "39,99490x1", "40,99490x1 99439x1", "59,99490x1 99439x1",
			"60,99490x1 99439x2", "89,99490x1 99439x2", "90,99490x1 99439x2", "200,99490x1 99439x2" })
	void ccmClinicalStaffEdges(int minutes, String expected) {
		assertThat(codes(one(ccmCase(work(minutes, StaffTime.CLINICAL_STAFF)), 2))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} min physician -> {1}")
	@CsvSource({ "29,''", "30,99491x1", "59,99491x1", "60,99491x1 99437x1", "89,99491x1 99437x1", "90,99491x1 99437x2" })
	void ccmPhysicianEdges(int minutes, String expected) {
		assertThat(codes(one(ccmCase(work(minutes, StaffTime.PHYSICIAN)), 2))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} min complex -> {1}")
	@CsvSource({ "59,99490x1 99439x1", "60,99487x1", "89,99487x1", "90,99487x1 99489x1", "119,99487x1 99489x1",
			"120,99487x1 99489x2" })
	void complexCcmEdges(int minutes, String expected) {
		CaseMonth c = complexCase(work(minutes, StaffTime.CLINICAL_STAFF), DecisionMaking.MODERATE);
		assertThat(codes(one(c, 3))).isEqualTo(expected);
	}

	@Test
	void underTheThresholdTheReasonSaysHowManyMinutesAreShort() {
		CaseOutcome o = one(ccmCase(work(19, StaffTime.CLINICAL_STAFF)), 2);
		assertThat(o.billable()).isFalse();
		assertThat(reasons(o)).contains("billing.reason.shortClinical[99490, 19, 20, 1]");
	}

	@Test
	void complexWithoutDecisionMakingOrRevisionFallsBackToCcmAndSaysWhy() {
		CaseMonth noMdm = complexCase(work(70, StaffTime.CLINICAL_STAFF), DecisionMaking.LOW);
		CaseOutcome o = one(noMdm, 2);
		assertThat(codes(o)).isEqualTo("99490x1 99439x2");
		assertThat(reasons(o)).contains("billing.reason.complexNeedsMdm[]");
		CaseMonth planOld = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. A",
				LocalDate.of(2025, 6, 1), true, LocalDate.of(2025, 6, 1), false, DecisionMaking.HIGH,
				work(70, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(reasons(one(planOld, 2))).contains("billing.reason.complexNeedsRevision[]");
	}

	@Test
	void physicianTimeIsNotBilledBesideComplexCcm() {
		List<WorkItem> w = new ArrayList<>(work(60, StaffTime.CLINICAL_STAFF));
		w.addAll(work(30, StaffTime.PHYSICIAN));
		CaseOutcome o = one(complexCase(w, DecisionMaking.HIGH), 2);
		assertThat(codes(o)).isEqualTo("99487x1");
		assertThat(reasons(o)).contains("billing.reason.physicianWithComplex[30]");
	}

	@ParameterizedTest(name = "PCM {0} min -> {1}")
	@CsvSource({ "29,''", "30,99426x1", "59,99426x1", "60,99426x1 99427x1" })
	void pcmForOneChronicCondition(int minutes, String expected) {
		CaseOutcome o = one(ccmCase(work(minutes, StaffTime.CLINICAL_STAFF)), 1);
		assertThat(codes(o)).isEqualTo(expected);
		assertThat(reasons(o)).contains("billing.reason.ccmNeedsTwo[]");
	}

	@Test
	void ccmAndPcmAreNotBothBilledAndTheReasonSaysWhy() {
		CaseOutcome o = one(ccmCase(work(30, StaffTime.CLINICAL_STAFF)), 3);
		assertThat(codes(o)).isEqualTo("99490x1");
		assertThat(reasons(o)).contains("billing.reason.pcmExcluded[3]");
	}

	@Test
	void noChronicConditionNoCarePlanNoConsent() {
		assertThat(reasons(one(ccmCase(work(30, StaffTime.CLINICAL_STAFF)), 0))).contains("billing.reason.noChronicCondition[]");
		CaseMonth noPlan = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A", LocalDate.of(2025, 1, 1),
				true, null, false, null, work(30, StaffTime.CLINICAL_STAFF), List.of());
		CaseOutcome o = one(noPlan, 2);
		assertThat(o.billable()).isFalse();
		assertThat(reasons(o)).contains("billing.reason.noCarePlan[]");
		CaseMonth noConsent = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A", null, false,
				LocalDate.of(2025, 1, 1), false, null, work(30, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(reasons(one(noConsent, 2))).containsExactly("billing.reason.noConsent[30]");
		CaseMonth incomplete = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A",
				LocalDate.of(2025, 1, 1), false, LocalDate.of(2025, 1, 1), false, null, work(30, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(reasons(one(incomplete, 2))).containsExactly("billing.reason.consentIncomplete[2025-01-01, 30]");
		CaseMonth consentNextMonth = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A",
				LocalDate.of(2026, 2, 1), true, LocalDate.of(2025, 1, 1), false, null, work(30, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(one(consentNextMonth, 2).billable()).isFalse();
	}

	@Test
	void consentStartingMidMonthCountsOnlyWorkFromThatDay() {
		List<WorkItem> w = List.of(item(at(2026, 1, 10, 10, 0, ZoneOffset.UTC), 15, StaffTime.CLINICAL_STAFF),
				item(at(2026, 1, 15, 9, 0, ZoneOffset.UTC), 12, StaffTime.CLINICAL_STAFF),
				item(at(2026, 1, 20, 9, 0, ZoneOffset.UTC), 10, StaffTime.CLINICAL_STAFF));
		CaseMonth c = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A", LocalDate.of(2026, 1, 15),
				true, LocalDate.of(2025, 1, 1), false, null, w, List.of());
		CaseOutcome o = one(c, 2);
		assertThat(o.clinicalMinutes()).isEqualTo(37);
		assertThat(o.countedClinical()).isEqualTo(22);
		assertThat(codes(o)).isEqualTo("99490x1");
		assertThat(reasons(o)).contains("billing.reason.consentFrom[2026-01-15, 15]");
		List<WorkItem> less = List.of(w.get(0), item(at(2026, 1, 16, 9, 0, ZoneOffset.UTC), 19, StaffTime.CLINICAL_STAFF));
		CaseMonth c2 = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. A", LocalDate.of(2026, 1, 15),
				true, LocalDate.of(2025, 1, 1), false, null, less, List.of());
		CaseOutcome o2 = one(c2, 2);
		assertThat(o2.billable()).isFalse();
		assertThat(reasons(o2)).contains("billing.reason.consentFrom[2026-01-15, 15]", "billing.reason.shortClinical[99490, 19, 20, 1]");
	}

	@Test
	void theMonthEndsAtMidnightInTheOrganisationsZone() {
		// 23:30 on 31 January in New York is 04:30 UTC on 1 February; 00:30 on 1 February in New York is 05:30 UTC.
		WorkItem lateJanuary = item(at(2026, 1, 31, 23, 30, NEW_YORK), 20, StaffTime.CLINICAL_STAFF);
		WorkItem earlyFebruary = item(at(2026, 2, 1, 0, 30, NEW_YORK), 20, StaffTime.CLINICAL_STAFF);
		CaseMonth c = ccmCase(List.of(lateJanuary, earlyFebruary));
		CaseOutcome newYorkJanuary = engine.evaluate(month(JANUARY, NEW_YORK, 2, c)).get(0);
		assertThat(newYorkJanuary.clinicalMinutes()).isEqualTo(20);
		assertThat(newYorkJanuary.work()).containsExactly(lateJanuary);
		assertThat(codes(newYorkJanuary)).isEqualTo("99490x1");
		CaseOutcome newYorkFebruary = engine.evaluate(month(YearMonth.of(2026, 2), NEW_YORK, 2, c)).get(0);
		assertThat(newYorkFebruary.work()).containsExactly(earlyFebruary);
		// The same two instants in an organisation on UTC both fall in February.
		CaseOutcome utcJanuary = engine.evaluate(month(JANUARY, ZoneOffset.UTC, 2, c)).get(0);
		assertThat(utcJanuary.clinicalMinutes()).isZero();
		assertThat(utcJanuary.billable()).isFalse();
		CaseOutcome utcFebruary = engine.evaluate(month(YearMonth.of(2026, 2), ZoneOffset.UTC, 2, c)).get(0);
		assertThat(utcFebruary.clinicalMinutes()).isEqualTo(40);
		assertThat(codes(utcFebruary)).isEqualTo("99490x1 99439x1");
	}

	@Test
	void onePractitionerPerServiceTheCaseWithMoreMinutesKeepsIt() {
		CaseMonth more = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. More",
				LocalDate.of(2025, 1, 1), true, LocalDate.of(2025, 1, 1), false, null, work(45, StaffTime.CLINICAL_STAFF), List.of());
		CaseMonth fewer = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. Fewer",
				LocalDate.of(2025, 1, 1), true, LocalDate.of(2025, 1, 1), false, null, work(25, StaffTime.CLINICAL_STAFF), List.of());
		List<CaseOutcome> outcomes = engine.evaluate(month(JANUARY, ZoneOffset.UTC, 2, fewer, more));
		assertThat(codes(outcomes.get(1))).isEqualTo("99490x1 99439x1");
		assertThat(codes(outcomes.get(0))).isEmpty();
		assertThat(reasons(outcomes.get(0))).contains("billing.reason.otherPractitioner[CCM, Dr. More]");
	}

	@Test
	void behaviouralHealthInAProgramThatEnablesIt() {
		CaseMonth bhi = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), true, UUID.randomUUID(), "Dr. B",
				LocalDate.of(2025, 1, 1), true, LocalDate.of(2025, 1, 1), false, null, work(20, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(codes(engine.evaluate(new PatientMonth(UUID.randomUUID(), JANUARY, calendar(ZoneOffset.UTC), 2, true,
				List.of(bhi))).get(0))).isEqualTo("99484x1");
		CaseOutcome noCondition = engine.evaluate(new PatientMonth(UUID.randomUUID(), JANUARY, calendar(ZoneOffset.UTC), 2,
				false, List.of(bhi))).get(0);
		assertThat(noCondition.billable()).isFalse();
		assertThat(reasons(noCondition)).contains("billing.reason.noBehaviouralCondition[]");
		CaseMonth short19 = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), true, null, "Dr. B", LocalDate.of(2025, 1, 1),
				true, LocalDate.of(2025, 1, 1), false, null, work(19, StaffTime.CLINICAL_STAFF), List.of());
		assertThat(engine.evaluate(new PatientMonth(UUID.randomUUID(), JANUARY, calendar(ZoneOffset.UTC), 2, true,
				List.of(short19))).get(0).billable()).isFalse();
	}

	@Test
	void pcmInOneCaseIsNotBilledBesideCcmInAnother() {
		CaseMonth ccm = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. C",
				LocalDate.of(2025, 1, 1), true, LocalDate.of(2025, 1, 1), false, null, work(20, StaffTime.CLINICAL_STAFF), List.of());
		// A second case in a BHI program bills BHI: a different service, both are kept.
		CaseMonth bhi = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), true, UUID.randomUUID(), "Dr. B",
				LocalDate.of(2025, 1, 1), true, LocalDate.of(2025, 1, 1), false, null, work(25, StaffTime.CLINICAL_STAFF), List.of());
		List<CaseOutcome> both = engine.evaluate(new PatientMonth(UUID.randomUUID(), JANUARY, calendar(ZoneOffset.UTC), 2, true,
				List.of(ccm, bhi)));
		assertThat(codes(both.get(0))).isEqualTo("99490x1");
		assertThat(codes(both.get(1))).isEqualTo("99484x1");
	}

	@ParameterizedTest(name = "TCM {2} visit day {1} -> {3}")
	@CsvSource({ "2026-01-06,7,HIGH,99496x1", "2026-01-06,8,HIGH,99495x1", "2026-01-06,14,MODERATE,99495x1",
			"2026-01-06,15,HIGH,''", "2026-01-06,5,LOW,''" })
	void transitionalCareCodes(LocalDate contact, int visitDay, DecisionMaking mdm, String expected) {
		// Friday 2 January 2026: the second business day after it is Tuesday 6 January.
		LocalDate discharged = LocalDate.of(2026, 1, 2);
		Discharge d = new Discharge(UUID.randomUUID(), discharged, contact, 0, discharged.plusDays(visitDay), mdm);
		CaseMonth c = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. T", null, false, null, false,
				null, List.of(), List.of(d));
		assertThat(codes(one(c, 0))).isEqualTo(expected);
	}

	@Test
	void transitionalCareNeedsTheContactWithinTwoBusinessDaysOrTwoAttempts() {
		LocalDate discharged = LocalDate.of(2026, 1, 2);
		Discharge late = new Discharge(UUID.randomUUID(), discharged, LocalDate.of(2026, 1, 7), 1, LocalDate.of(2026, 1, 9),
				DecisionMaking.HIGH);
		CaseMonth c = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. T", null, false, null, false,
				null, List.of(), List.of(late));
		CaseOutcome o = one(c, 0);
		assertThat(o.billable()).isFalse();
		assertThat(reasons(o)).contains("billing.reason.tcmNoContact[2026-01-02, 2026-01-06, 1]");
		Discharge attempts = new Discharge(UUID.randomUUID(), discharged, LocalDate.of(2026, 1, 7), 2, LocalDate.of(2026, 1, 9),
				DecisionMaking.HIGH);
		CaseMonth c2 = new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, null, "Dr. T", null, false, null, false,
				null, List.of(), List.of(attempts));
		assertThat(codes(one(c2, 0))).isEqualTo("99496x1");
	}

	@Test
	void theNewestRuleInEffectForTheYearApplies() {
		List<CodeThreshold> rows = new ArrayList<>(CODES);
		rows.add(new CodeThreshold("99490", 2030, Service.CCM, StaffTime.CLINICAL_STAFF, 15, "99439", 15, 2, null, null, "s"));
		assertThat(CodeThreshold.inEffect(rows, "99490", 2026).orElseThrow().firstUnitMinutes()).isEqualTo(20);
		assertThat(CodeThreshold.inEffect(rows, "99490", 2031).orElseThrow().firstUnitMinutes()).isEqualTo(15);
		assertThat(CodeThreshold.inEffect(rows, "99490", 2021)).isEmpty();
	}

	// --- fixtures

	private CaseOutcome one(CaseMonth c, int chronicConditions) {
		return engine.evaluate(month(JANUARY, ZoneOffset.UTC, chronicConditions, c)).get(0);
	}

	private static PatientMonth month(YearMonth month, ZoneId zone, int chronic, CaseMonth... cases) {
		return new PatientMonth(UUID.randomUUID(), month, calendar(zone), chronic, false, List.of(cases));
	}

	private static BusinessCalendar calendar(ZoneId zone) {
		return new BusinessCalendar(zone, Set.of());
	}

	private static CaseMonth ccmCase(List<WorkItem> work) {
		return new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. A", LocalDate.of(2025, 1, 1),
				true, LocalDate.of(2025, 1, 1), false, null, work, List.of());
	}

	private static CaseMonth complexCase(List<WorkItem> work, @Nullable DecisionMaking mdm) {
		return new CaseMonth(UUID.randomUUID(), UUID.randomUUID(), false, UUID.randomUUID(), "Dr. A", LocalDate.of(2025, 1, 1),
				true, LocalDate.of(2025, 1, 1), true, mdm, work, List.of());
	}

	/** The minutes as work items of at most 15 minutes spread over January. */
	private static List<WorkItem> work(int minutes, StaffTime staff) {
		List<WorkItem> items = new ArrayList<>();
		int day = 2;
		for (int left = minutes; left > 0; left -= 15) {
			items.add(item(at(2026, 1, day++, 10, 0, ZoneOffset.UTC), Math.min(15, left), staff));
		}
		return items;
	}

	private static WorkItem item(Instant at, int minutes, StaffTime staff) {
		return new WorkItem(UUID.randomUUID(), "CONTACT", UUID.randomUUID(), "CONTACT", at, minutes, staff);
	}

	private static Instant at(int y, int m, int d, int h, int min, ZoneId zone) {
		return LocalDateTime.of(y, m, d, h, min).atZone(zone).toInstant();
	}

	private static String codes(CaseOutcome o) {
		return String.join(" ", o.lines().stream().map(l -> l.code() + "x" + l.units()).toList());
	}

	private static List<String> reasons(CaseOutcome o) {
		return o.reasons().stream().map(r -> r.key() + r.args()).toList();
	}
}
