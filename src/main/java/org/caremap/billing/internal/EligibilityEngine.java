package org.caremap.billing.internal;

import org.caremap.billing.DecisionMaking;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.caremap.billing.internal.CodeThreshold.Line;
import org.caremap.billing.internal.PatientMonth.CaseMonth;
import org.caremap.billing.internal.PatientMonth.Discharge;
import org.jspecify.annotations.Nullable;

/**
 * Care-management eligibility for one patient and one calendar month (domain-reference section 1), pure: the
 * thresholds come from the {@code billing_code} table, the facts from {@link PatientMonth}.
 * <ul>
 * <li>Only work inside the calendar month in the organisation's zone counts; with consent recorded during the month,
 * only work from its day. CCM, PCM and BHI need consent on file with all four elements; TCM does not.</li>
 * <li>Two or more chronic conditions and a care plan: CCM. Complex CCM (99487/+99489) when the month has at least its
 * first-unit minutes of clinical staff time, moderate or high decision making recorded for the month, and a care plan
 * established or revised in the month; it then replaces 99490/99491 for the month.</li>
 * <li>One chronic condition and a care plan: PCM. CCM and PCM are never billed for the same patient in a month: with
 * two or more chronic conditions CCM is the better supported, and the reason says why PCM is not billed.</li>
 * <li>Programs that enable behavioural health integration bill 99484 for patients with a behavioural condition, on
 * the clinical staff time, in place of CCM/PCM (minutes count once).</li>
 * <li>TCM from the discharge evidence: interactive contact within 2 business days (or two or more documented
 * attempts), the face-to-face visit inside the code's days and at least the code's decision making.</li>
 * <li>One billing practitioner per service family per patient and month: when two cases of the patient would bill
 * the same service, the one with the most counted minutes keeps it.</li>
 * </ul>
 */
public final class EligibilityEngine {

	private final List<CodeThreshold> codes;

	public EligibilityEngine(List<CodeThreshold> codes) {
		this.codes = List.copyOf(codes);
	}

	public List<CaseOutcome> evaluate(PatientMonth pm) {
		List<Draft> drafts = pm.cases().stream().map(c -> evaluateCase(pm, c)).toList();
		onePractitionerPerService(drafts);
		noPcmBesideCcm(drafts);
		return drafts.stream().map(Draft::outcome).toList();
	}

	private Draft evaluateCase(PatientMonth pm, CaseMonth c) {
		YearMonth month = pm.month();
		ZoneId zone = pm.calendar().zone();
		LocalDate first = month.atDay(1);
		LocalDate last = month.atEndOfMonth();
		List<WorkItem> inMonth = c.work().stream().filter(w -> YearMonth.from(w.at().atZone(zone)).equals(month))
			.sorted(Comparator.comparing(WorkItem::at)).toList();
		Draft d = new Draft(c, inMonth);
		int total = d.clinical + d.physician;
		boolean consentOk = true;
		List<WorkItem> counted = inMonth;
		if (c.consentDate() == null || c.consentDate().isAfter(last)) {
			consentOk = false;
			d.reasons.add(Reason.of("noConsent", total));
		}
		else if (!c.consentComplete()) {
			consentOk = false;
			d.reasons.add(Reason.of("consentIncomplete", c.consentDate(), total));
		}
		else if (c.consentDate().isAfter(first)) {
			LocalDate from = c.consentDate();
			counted = inMonth.stream().filter(w -> !w.at().atZone(zone).toLocalDate().isBefore(from)).toList();
			int uncounted = total - sum(counted, StaffTime.CLINICAL_STAFF) - sum(counted, StaffTime.PHYSICIAN);
			d.reasons.add(Reason.of("consentFrom", from, uncounted));
		}
		if (consentOk) {
			d.countedClinical = sum(counted, StaffTime.CLINICAL_STAFF);
			d.countedPhysician = sum(counted, StaffTime.PHYSICIAN);
			timedServices(pm, c, d);
		}
		for (Discharge discharge : c.discharges()) transitionalCare(pm, c, discharge, d);
		return d;
	}

	private void timedServices(PatientMonth pm, CaseMonth c, Draft d) {
		int year = pm.month().getYear();
		int cc = d.countedClinical;
		int cp = d.countedPhysician;
		if (c.bhiEnabled()) {
			if (!pm.behavioural()) {
				d.reasons.add(Reason.of("noBehaviouralCondition"));
				return;
			}
			timed(code("99484", year), cc, d);
			if (cp > 0) d.reasons.add(Reason.of("bhiClinicalOnly", cp));
			return;
		}
		if (cc + cp == 0) {
			d.reasons.add(Reason.of("noMinutes"));
		}
		if (c.carePlanSince() == null || c.carePlanSince().isAfter(pm.month().atEndOfMonth())) {
			d.reasons.add(Reason.of("noCarePlan"));
			return;
		}
		if (pm.chronicConditions() >= 2) {
			chronicCare(pm, c, d, year);
			CodeThreshold pcmStaff = code("99426", year);
			CodeThreshold pcmPhysician = code("99424", year);
			if (!pcmStaff.units(cc).isEmpty() || !pcmPhysician.units(cp).isEmpty()) {
				d.reasons.add(Reason.of("pcmExcluded", pm.chronicConditions()));
			}
		}
		else if (pm.chronicConditions() == 1) {
			if (cc + cp > 0) d.reasons.add(Reason.of("ccmNeedsTwo"));
			timed(code("99426", year), cc, d);
			timed(code("99424", year), cp, d);
		}
		else {
			d.reasons.add(Reason.of("noChronicCondition"));
		}
	}

	private void chronicCare(PatientMonth pm, CaseMonth c, Draft d, int year) {
		int cc = d.countedClinical;
		int cp = d.countedPhysician;
		CodeThreshold complex = code("99487", year);
		boolean mdm = c.mdm() != null && c.mdm().atLeast(DecisionMaking.MODERATE);
		LocalDate since = Objects.requireNonNull(c.carePlanSince());
		boolean revised = c.carePlanRevisedInMonth() || YearMonth.from(since).equals(pm.month());
		List<Line> complexLines = complex.units(cc);
		if (!complexLines.isEmpty() && mdm && revised) {
			d.lines.addAll(complexLines);
			if (cp > 0) d.reasons.add(Reason.of("physicianWithComplex", cp));
			return;
		}
		if (!complexLines.isEmpty()) {
			if (!mdm) d.reasons.add(Reason.of("complexNeedsMdm"));
			if (!revised) d.reasons.add(Reason.of("complexNeedsRevision"));
		}
		else if (mdm && revised && cc > 0) {
			d.reasons.add(Reason.of("complexShort", cc, complex.firstUnitMinutes(), complex.firstUnitMinutes() - cc));
		}
		timed(code("99490", year), cc, d);
		timed(code("99491", year), cp, d);
	}

	private void timed(CodeThreshold t, int minutes, Draft d) {
		List<Line> lines = t.units(minutes);
		if (!lines.isEmpty()) {
			d.lines.addAll(lines);
			return;
		}
		if (minutes > 0) {
			int needed = Objects.requireNonNull(t.firstUnitMinutes());
			String key = t.staff() == StaffTime.PHYSICIAN ? "shortPhysician" : "shortClinical";
			d.reasons.add(Reason.of(key, t.code(), minutes, needed, needed - minutes));
		}
	}

	private void transitionalCare(PatientMonth pm, CaseMonth c, Discharge discharge, Draft d) {
		YearMonth month = pm.month();
		LocalDate periodEnd = discharge.dischargeDay().plusDays(29);
		boolean visitInMonth = discharge.visitDate() != null && YearMonth.from(discharge.visitDate()).equals(month);
		boolean endsInMonth = discharge.visitDate() == null && YearMonth.from(periodEnd).equals(month);
		if (!visitInMonth && !endsInMonth) return;
		if (d.lines.stream().anyMatch(l -> l.service() == Service.TCM)) return;
		int year = month.getYear();
		boolean failed = false;
		LocalDate contactDue = pm.calendar().businessDaysAfter(discharge.dischargeDay(), 2);
		boolean contact = discharge.contactDate() != null && !discharge.contactDate().isAfter(contactDue);
		if (!contact && discharge.attempts() < 2) {
			d.reasons.add(Reason.of("tcmNoContact", discharge.dischargeDay(), contactDue, discharge.attempts()));
			failed = true;
		}
		if (discharge.visitDate() == null) {
			d.reasons.add(Reason.of("tcmNoVisit", discharge.dischargeDay()));
			return;
		}
		@Nullable DecisionMaking mdm = discharge.mdm() != null ? discharge.mdm() : c.mdm();
		if (mdm == null || !mdm.atLeast(DecisionMaking.MODERATE)) {
			d.reasons.add(Reason.of("tcmNeedsMdm", discharge.dischargeDay()));
			return;
		}
		long day = ChronoUnit.DAYS.between(discharge.dischargeDay(), discharge.visitDate());
		CodeThreshold high = code("99496", year);
		CodeThreshold moderate = code("99495", year);
		CodeThreshold chosen = null;
		for (CodeThreshold t : List.of(high, moderate)) {
			if (mdm.atLeast(Objects.requireNonNull(t.leastMdm())) && day <= Objects.requireNonNull(t.visitWithinDays())) {
				chosen = t;
				break;
			}
		}
		if (chosen == null) {
			d.reasons.add(Reason.of("tcmVisitLate", discharge.dischargeDay(), discharge.visitDate(), day,
					moderate.visitWithinDays()));
			return;
		}
		if (!failed) d.lines.add(new Line(Service.TCM, chosen.code(), 1));
	}

	private void onePractitionerPerService(List<Draft> drafts) {
		for (Service family : List.of(Service.CCM, Service.PCM, Service.TCM, Service.BHI)) {
			List<Draft> claiming = drafts.stream().filter(d -> d.bills(family)).toList();
			if (claiming.size() < 2) continue;
			Draft keeper = claiming.stream().max(Comparator.comparingInt((Draft d) -> d.countedClinical + d.countedPhysician)
				.thenComparing(d -> d.c.consentDate(), Comparator.nullsFirst(Comparator.<LocalDate>reverseOrder()))
				.thenComparing(d -> d.c.caseId().toString(), Comparator.reverseOrder())).orElseThrow();
			for (Draft d : claiming) {
				if (d == keeper) continue;
				d.lines.removeIf(l -> l.service().family() == family);
				d.reasons.add(Reason.of("otherPractitioner", family, keeper.c.practitionerName()));
			}
		}
	}

	private void noPcmBesideCcm(List<Draft> drafts) {
		drafts.stream().filter(d -> d.bills(Service.CCM)).findFirst().ifPresent(ccm -> {
			for (Draft d : drafts) {
				if (d != ccm && d.bills(Service.PCM)) {
					d.lines.removeIf(l -> l.service() == Service.PCM);
					d.reasons.add(Reason.of("pcmBesideCcm", ccm.c.practitionerName()));
				}
			}
		});
	}

	private CodeThreshold code(String code, int year) {
		return CodeThreshold.inEffect(codes, code, year)
			.orElseThrow(() -> new IllegalStateException("no billing rule for " + code + " in " + year));
	}

	private static int sum(List<WorkItem> items, StaffTime staff) {
		return items.stream().filter(w -> w.staff() == staff).mapToInt(WorkItem::minutes).sum();
	}

	private static final class Draft {
		final CaseMonth c;
		final List<WorkItem> work;
		final int clinical;
		final int physician;
		int countedClinical;
		int countedPhysician;
		final List<Line> lines = new ArrayList<>();
		final List<Reason> reasons = new ArrayList<>();

		Draft(CaseMonth c, List<WorkItem> work) {
			this.c = c;
			this.work = work;
			this.clinical = sum(work, StaffTime.CLINICAL_STAFF);
			this.physician = sum(work, StaffTime.PHYSICIAN);
		}

		boolean bills(Service family) {
			return lines.stream().anyMatch(l -> l.service().family() == family);
		}

		CaseOutcome outcome() {
			return new CaseOutcome(c.caseId(), clinical, physician, countedClinical, countedPhysician, lines, work, reasons);
		}
	}
}
