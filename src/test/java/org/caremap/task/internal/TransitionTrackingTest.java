package org.caremap.task.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

import org.caremap.organization.BusinessCalendar;
import org.caremap.shared.PatientId;
import org.caremap.task.TrackedTransition;
import org.caremap.task.TrackedTransition.DecisionMaking;
import org.caremap.task.TrackedTransition.State;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The tracker's states and the TCM evidence, worked by hand. The organisation is in New York; Thursday 3 December 2026
 * is a normal business day and Friday 25 December a holiday.
 */
class TransitionTrackingTest {

	static final ZoneId ZONE = ZoneId.of("America/New_York");
	static final BusinessCalendar CALENDAR = new BusinessCalendar(ZONE, Set.of(LocalDate.of(2026, 12, 25)));
	/** Discharged Thursday 3 December 2026 at 14:00. */
	static final Instant DISCHARGED = at(2026, 12, 3, 14);
	/** The end of the second business day after: Monday 7 December. */
	static final Instant CONTACT_DUE = CALENDAR.endOfBusinessDaysAfter(DISCHARGED, 2);
	/** A 14-day visit: the end of Thursday 17 December. */
	static final Instant VISIT_DUE = CALENDAR.endOfCalendarDaysAfter(DISCHARGED, 14);
	static final Instant PERIOD_ENDS = CALENDAR.endOfCalendarDaysAfter(DISCHARGED, TransitionWork.PERIOD_LAST_DAY);

	static Instant at(int y, int m, int d, int h) {
		return ZonedDateTime.of(y, m, d, h, 0, 0, 0, ZONE).toInstant();
	}

	/** A transition as stored, changed by the builder's setters. */
	static final class R {
		@Nullable Instant contactMet, medrecMet, visitBooked, visitMet, readmitted, pausedSince;
		int attempts;
		@Nullable DecisionMaking mdm;
		String status = "OPEN";
		boolean high, medrecByTask, visitByTask;

		TransitionTracking.Row row() {
			return new TransitionTracking.Row(UUID.randomUUID(), new PatientId(UUID.randomUUID()), null, DISCHARGED, CONTACT_DUE,
					high ? CALENDAR.endOfCalendarDaysAfter(DISCHARGED, 7) : VISIT_DUE, PERIOD_ENDS, high, status, contactMet,
					contactMet == null ? null : "phone call, reached", attempts, null, medrecMet, medrecMet == null ? null : "signed",
					medrecByTask, visitBooked, visitBooked == null ? null : "Dr Lee, clinic", visitMet, visitMet == null ? null : "arrived",
					visitByTask, mdm,
					mdm == null ? null : "dr.lee", readmitted, pausedSince, 0);
		}

		TrackedTransition track(Instant now) {
			return TransitionTracking.track(row(), now, CALENDAR);
		}
	}

	@Test
	void theServicePeriodIsTheDischargeDayAndTheNext29() {
		// 3 December + 29 days = 1 January 2027, the period's last day, ending at midnight New York time
		assertThat(PERIOD_ENDS).isEqualTo(at(2027, 1, 2, 0).minusNanos(1000));
		var tcm = new R().track(DISCHARGED.plusSeconds(60)).tcm();
		assertThat(tcm.periodStart()).isEqualTo(LocalDate.of(2026, 12, 3));
		assertThat(tcm.periodEnd()).isEqualTo(LocalDate.of(2027, 1, 1));
		// the contact is due by the end of Monday 7 December (Friday 4 and Monday 7 are the two business days)
		assertThat(CONTACT_DUE).isEqualTo(at(2026, 12, 8, 0).minusNanos(1000));
	}

	@Test
	void stepsArePendingThenMissedWhenTheirClockRunsOut() {
		R r = new R();
		var early = r.track(at(2026, 12, 4, 9));
		assertThat(early.steps()).extracting(TrackedTransition.Step::state).containsExactly(State.PENDING, State.PENDING, State.PENDING);
		var late = r.track(at(2026, 12, 8, 9));
		assertThat(late.step("CONTACT").state()).isEqualTo(State.MISSED);
		assertThat(late.step("VISIT").state()).isEqualTo(State.PENDING);
		var after = r.track(at(2026, 12, 18, 9));
		assertThat(after.step("VISIT").state()).isEqualTo(State.MISSED);
		assertThat(after.step("RECONCILIATION").state()).isEqualTo(State.MISSED);
	}

	@Test
	void aBookedVisitShowsAsBookedUntilItTakesPlace() {
		R r = new R();
		r.visitBooked = at(2026, 12, 10, 10);
		var t = r.track(at(2026, 12, 5, 9));
		assertThat(t.step("VISIT").state()).isEqualTo(State.BOOKED);
		assertThat(t.step("VISIT").note()).isEqualTo("Dr Lee, clinic");
		r.visitMet = at(2026, 12, 10, 10);
		assertThat(r.track(at(2026, 12, 11, 9)).step("VISIT").state()).isEqualTo(State.MET);
	}

	@Test
	void aStepMetAfterItsDueIsLateAndAPausedClockDoesNotRun() {
		R r = new R();
		r.contactMet = at(2026, 12, 8, 10);
		assertThat(r.track(at(2026, 12, 9, 9)).step("CONTACT").state()).isEqualTo(State.LATE);
		R paused = new R();
		paused.pausedSince = at(2026, 12, 4, 9);
		var t = paused.track(at(2026, 12, 20, 9));
		assertThat(t.pausedSince()).isEqualTo(paused.pausedSince);
		assertThat(t.steps()).extracting(TrackedTransition.Step::state).containsOnly(State.PAUSED);
	}

	@Test
	void highComplexityAndAVisitWithin7DaysSupports99496() {
		R r = new R();
		r.high = true;
		r.contactMet = at(2026, 12, 4, 11);
		r.medrecMet = at(2026, 12, 9, 15);
		r.visitMet = at(2026, 12, 10, 10); // day 7
		r.mdm = DecisionMaking.HIGH;
		var tcm = r.track(at(2026, 12, 11, 9)).tcm();
		assertThat(tcm.visitDay()).isEqualTo(7);
		assertThat(tcm.code()).isEqualTo("99496");
		assertThat(tcm.reasons()).isEmpty();
	}

	@Test
	void highComplexityWithTheVisitOnDay8Is99495AndModerateWithin14Also() {
		R r = new R();
		r.contactMet = at(2026, 12, 7, 16);
		r.medrecMet = at(2026, 12, 11, 10);
		r.visitMet = at(2026, 12, 11, 10); // day 8, reconciled the same day
		r.mdm = DecisionMaking.HIGH;
		assertThat(r.track(at(2026, 12, 12, 9)).tcm().code()).isEqualTo("99495");
		r.mdm = DecisionMaking.MODERATE;
		r.visitMet = at(2026, 12, 17, 10); // day 14
		r.medrecMet = at(2026, 12, 16, 10);
		assertThat(r.track(at(2026, 12, 18, 9)).tcm().code()).isEqualTo("99495");
	}

	@Test
	void noCodeWithoutEachPieceOfEvidenceAndTheReasonsSaySo() {
		R r = new R();
		r.contactMet = at(2026, 12, 8, 9); // after the second business day
		r.medrecMet = at(2026, 12, 19, 9); // after the visit
		r.visitMet = at(2026, 12, 18, 10); // day 15
		r.mdm = DecisionMaking.LOW;
		var tcm = r.track(at(2026, 12, 20, 9)).tcm();
		assertThat(tcm.code()).isNull();
		assertThat(tcm.reasons()).extracting(TrackedTransition.Reason::code).containsExactly("tcm.reason.contactLate",
				"tcm.reason.visitLate", "tcm.reason.medrecAfterVisit", "tcm.reason.lowMdm");
		assertThat(tcm.reasons().get(0).arguments()).singleElement().isInstanceOf(LocalDate.class);
		assertThat(tcm.reasons()).contains(new org.caremap.task.TrackedTransition.Reason("tcm.reason.visitLate", 15),
				new org.caremap.task.TrackedTransition.Reason("tcm.reason.medrecAfterVisit"),
				new org.caremap.task.TrackedTransition.Reason("tcm.reason.lowMdm"));
	}

	@Test
	void aTaskTickedDoneShowsTheStepMetButIsNoTcmEvidence() {
		R r = new R();
		r.contactMet = at(2026, 12, 4, 11);
		r.medrecMet = at(2026, 12, 9, 15);
		r.visitMet = at(2026, 12, 10, 10);
		r.visitByTask = true;
		r.mdm = DecisionMaking.HIGH;
		var t = r.track(at(2026, 12, 11, 9));
		assertThat(t.step("VISIT").state()).isEqualTo(State.MET);
		assertThat(t.tcm().code()).isNull();
		assertThat(t.tcm().visitDate()).isNull();
		assertThat(t.tcm().reasons()).containsExactly(new org.caremap.task.TrackedTransition.Reason("tcm.reason.visitByTask"));
		r.visitByTask = false;
		r.medrecByTask = true;
		assertThat(r.track(at(2026, 12, 11, 9)).tcm().reasons())
			.containsExactly(new org.caremap.task.TrackedTransition.Reason("tcm.reason.medrecByTask"));
	}

	@Test
	void aReconciliationLaterOnTheVisitsDayIsOnTime() {
		R r = new R();
		r.visitMet = at(2026, 12, 10, 10);
		r.medrecMet = at(2026, 12, 10, 16);
		assertThat(r.track(at(2026, 12, 11, 9)).step("RECONCILIATION").state()).isEqualTo(State.MET);
		r.medrecMet = at(2026, 12, 11, 8);
		assertThat(r.track(at(2026, 12, 11, 9)).step("RECONCILIATION").state()).isEqualTo(State.LATE);
	}

	@Test
	void twoDocumentedAttemptsStandInForTheContact() {
		R r = new R();
		r.attempts = 2;
		r.medrecMet = at(2026, 12, 9, 15);
		r.visitMet = at(2026, 12, 14, 10);
		r.mdm = DecisionMaking.MODERATE;
		assertThat(r.track(at(2026, 12, 15, 9)).tcm().code()).isEqualTo("99495");
		r.attempts = 1;
		assertThat(r.track(at(2026, 12, 15, 9)).tcm().code()).isNull();
	}

	@Test
	void aReadmissionInThePeriodIsNamed() {
		R r = new R();
		r.status = "ENDED";
		r.readmitted = at(2026, 12, 12, 3);
		var t = r.track(at(2026, 12, 13, 9));
		assertThat(t.status()).isEqualTo("ENDED");
		assertThat(t.tcm().readmittedOn()).isEqualTo(LocalDate.of(2026, 12, 12));
		assertThat(t.tcm().reasons()).contains(new org.caremap.task.TrackedTransition.Reason("tcm.reason.readmitted",
				LocalDate.of(2026, 12, 12)));
		assertThat(t.step("VISIT").state()).isEqualTo(State.CANCELLED);
	}
}
