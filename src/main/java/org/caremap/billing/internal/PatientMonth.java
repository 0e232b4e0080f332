package org.caremap.billing.internal;

import org.caremap.billing.DecisionMaking;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.caremap.organization.BusinessCalendar;
import org.jspecify.annotations.Nullable;

/**
 * Everything the eligibility engine needs about one patient in one calendar month, gathered from the other modules:
 * the chronic conditions on the problem list, and per open case the billing practitioner, consent, care plan,
 * decision making recorded for the month, the work items and the discharges whose TCM visit fell in the month.
 * The calendar gives the organisation's time zone (the month's boundaries) and its business days.
 */
public record PatientMonth(UUID patient, YearMonth month, BusinessCalendar calendar, int chronicConditions,
		boolean behavioural, List<CaseMonth> cases) {

	public PatientMonth {
		cases = List.copyOf(cases);
		if (chronicConditions < 0) throw new IllegalArgumentException("conditions must not be negative");
	}

	/** One case of the patient in the month. */
	public record CaseMonth(UUID caseId, UUID program, boolean bhiEnabled, @Nullable UUID practitioner,
			String practitionerName, @Nullable LocalDate consentDate, boolean consentComplete,
			@Nullable LocalDate carePlanSince, boolean carePlanRevisedInMonth, @Nullable DecisionMaking mdm,
			List<WorkItem> work, List<Discharge> discharges) {

		public CaseMonth {
			work = List.copyOf(work);
			discharges = List.copyOf(discharges);
		}
	}

	/**
	 * A qualifying discharge's TCM evidence: the discharge day, the first interactive contact and the attempts made,
	 * the face-to-face visit's day and the decision making the clinician recorded for it.
	 */
	public record Discharge(UUID encounter, LocalDate dischargeDay, @Nullable LocalDate contactDate, int attempts,
			@Nullable LocalDate visitDate, @Nullable DecisionMaking mdm) {
	}
}
