package org.caremap.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.caremap.organization.BusinessCalendar;
import org.caremap.shared.PatientId;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TrackedTransition.DecisionMaking;
import org.caremap.task.TrackedTransition.State;
import org.caremap.task.TrackedTransition.Step;
import org.caremap.task.TrackedTransition.Tcm;
import org.jspecify.annotations.Nullable;

/**
 * Where each step of a transition stands and what TCM code its evidence supports, from the stored row, the time now
 * and the organisation's calendar (pure: walked by {@code TransitionTrackingTest}).
 * <p>
 * The step clocks are the work's: they stop while the case is on hold. TCM is judged against the payer's own windows,
 * which do not stop: an interactive contact with the patient or caregiver by the end of the second business day after
 * discharge (or at least two documented attempts), the face-to-face visit within 7 days for 99496 (high complexity
 * decision making) or 14 days for 99495 (at least moderate), medication reconciliation no later than the visit, and
 * the service period of the discharge day and the next 29 days.
 */
final class TransitionTracking {

	/** The stored row of a transition (the columns of {@code care_transition}). */
	record Row(UUID encounter, PatientId patient, @Nullable UUID caseId, Instant dischargedAt, Instant contactDue,
			Instant visitDue, Instant periodEnds, boolean highComplexity, String status, @Nullable Instant contactMetAt,
			@Nullable String contactEvidence, int contactAttempts, @Nullable Instant lastAttemptAt, @Nullable Instant medrecMetAt,
			@Nullable String medrecEvidence, boolean medrecByTask, @Nullable Instant visitBookedFor, @Nullable String visitBooking,
			@Nullable Instant visitMetAt, @Nullable String visitEvidence, boolean visitByTask, @Nullable DecisionMaking decisionMaking,
			@Nullable String decisionBy, @Nullable Instant readmittedAt, @Nullable Instant pausedSince, long pausedSeconds) {
	}

	private TransitionTracking() {
	}

	static TrackedTransition track(Row r, Instant now, BusinessCalendar calendar) {
		boolean cancelled = "CANCELLED".equals(r.status());
		boolean ended = !cancelled && ("ENDED".equals(r.status()) || now.isAfter(r.periodEnds()));
		boolean paused = r.pausedSince() != null && !cancelled && !ended;
		// a readmission ended the period and cancelled the work still open: those steps are not missed
		boolean stopped = cancelled || r.readmittedAt() != null;
		// while paused, a clock has not run since the hold began: judge it at that instant
		Instant clock = paused ? r.pausedSince() : now;
		List<Step> steps = new ArrayList<>();
		String attempts = r.contactAttempts() == 0 ? null
				: r.contactAttempts() + (r.contactAttempts() == 1 ? " attempt" : " attempts") + " to reach the patient";
		steps.add(step("CONTACT", r.contactDue(), r.contactMetAt(), r.contactEvidence(), attempts, clock, paused, stopped, ended));
		// reconciliation is due by the visit: the visit's own time once it happened, else the visit clock
		// (TCM takes a reconciliation made on the visit's day, whatever the hour)
		Instant medrecDue = r.visitDue();
		if (r.visitMetAt() != null) {
			Instant visitDayEnd = calendar.endOfDay(r.visitMetAt().atZone(calendar.zone()).toLocalDate());
			if (visitDayEnd.isBefore(medrecDue)) medrecDue = visitDayEnd;
		}
		steps.add(step("RECONCILIATION", medrecDue, r.medrecMetAt(), r.medrecEvidence(), null, clock, paused, stopped, ended));
		Step visit = step("VISIT", r.visitDue(), r.visitMetAt(), r.visitEvidence(), null, clock, paused, stopped, ended);
		if (r.visitMetAt() == null && r.visitBookedFor() != null && visit.state() == State.PENDING) {
			visit = new Step("VISIT", State.BOOKED, visit.due(), null, null, r.visitBooking());
		}
		else if (r.visitMetAt() == null && r.visitBookedFor() != null) {
			visit = new Step("VISIT", visit.state(), visit.due(), null, null, r.visitBooking());
		}
		steps.add(visit);
		return new TrackedTransition(r.encounter(), r.patient(), r.caseId(), r.dischargedAt(), r.highComplexity(),
				cancelled ? "CANCELLED" : ended ? "ENDED" : "OPEN", paused ? r.pausedSince() : null,
				Duration.ofSeconds(r.pausedSeconds()).toDays(), r.readmittedAt(), List.copyOf(steps), tcm(r, calendar));
	}

	private static Step step(String key, Instant due, @Nullable Instant metAt, @Nullable String evidence, @Nullable String note,
			Instant clock, boolean paused, boolean cancelled, boolean ended) {
		State state;
		if (metAt != null) state = metAt.isAfter(due) ? State.LATE : State.MET;
		else if (cancelled) state = State.CANCELLED;
		else if (clock.isAfter(due) || ended) state = State.MISSED;
		else if (paused) state = State.PAUSED;
		else state = State.PENDING;
		return new Step(key, state, due, metAt, evidence, note);
	}

	static Tcm tcm(Row r, BusinessCalendar calendar) {
		LocalDate discharged = r.dischargedAt().atZone(calendar.zone()).toLocalDate();
		LocalDate periodEnd = discharged.plusDays(TransitionWork.PERIOD_LAST_DAY);
		LocalDate contactBy = calendar.businessDaysAfter(discharged, 2);
		LocalDate contact = day(r.contactMetAt(), calendar);
		LocalDate visit = day(r.visitMetAt(), calendar);
		LocalDate medrec = day(r.medrecMetAt(), calendar);
		LocalDate readmitted = day(r.readmittedAt(), calendar);
		Integer visitDay = visit == null ? null : (int) ChronoUnit.DAYS.between(discharged, visit);
		List<TrackedTransition.Reason> reasons = new ArrayList<>();
		if ("CANCELLED".equals(r.status())) reasons.add(new TrackedTransition.Reason("tcm.reason.cancelled"));
		boolean contactOk = contact != null && !contact.isAfter(contactBy);
		if (!contactOk) {
			if (r.contactAttempts() >= 2) contactOk = true;
			else if (contact != null) reasons.add(new TrackedTransition.Reason("tcm.reason.contactLate", contactBy));
			else reasons.add(new TrackedTransition.Reason("tcm.reason.noContact"));
		}
		if (visit != null && r.visitByTask()) {
			reasons.add(new TrackedTransition.Reason("tcm.reason.visitByTask"));
			visit = null;
			visitDay = null;
		}
		else if (visit == null) reasons.add(new TrackedTransition.Reason("tcm.reason.noVisit"));
		else if (visitDay < 0) reasons.add(new TrackedTransition.Reason("tcm.reason.visitBeforeDischarge"));
		else if (visitDay > 14) reasons.add(new TrackedTransition.Reason("tcm.reason.visitLate", visitDay));
		if (medrec != null && r.medrecByTask()) {
			reasons.add(new TrackedTransition.Reason("tcm.reason.medrecByTask"));
			medrec = null;
		}
		else if (medrec == null) reasons.add(new TrackedTransition.Reason("tcm.reason.noMedrec"));
		else if (visit != null && medrec.isAfter(visit)) reasons.add(new TrackedTransition.Reason("tcm.reason.medrecAfterVisit"));
		DecisionMaking mdm = r.decisionMaking();
		if (mdm == null) reasons.add(new TrackedTransition.Reason("tcm.reason.noMdm"));
		else if (mdm.compareTo(DecisionMaking.MODERATE) < 0) reasons.add(new TrackedTransition.Reason("tcm.reason.lowMdm"));
		String code = null;
		if (reasons.isEmpty() && visitDay != null) {
			if (mdm == DecisionMaking.HIGH && visitDay <= 7) code = "99496";
			else code = "99495";
		}
		if (readmitted != null && !readmitted.isAfter(periodEnd)) {
			reasons.add(new TrackedTransition.Reason("tcm.reason.readmitted", readmitted));
		}
		return new Tcm(discharged, periodEnd, contact, r.contactAttempts(), visit, visitDay, medrec, mdm, r.decisionBy(),
				readmitted, code, List.copyOf(reasons));
	}

	private static @Nullable LocalDate day(@Nullable Instant at, BusinessCalendar calendar) {
		return at == null ? null : at.atZone(calendar.zone()).toLocalDate();
	}
}
