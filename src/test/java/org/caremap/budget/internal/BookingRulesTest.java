package org.caremap.budget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.budget.BookingRow;
import org.caremap.budget.BookingSource;
import org.caremap.budget.RateView;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.utilization.AuthorizationDecided;
import org.caremap.utilization.AuthorizationDecided.DecidedLine;
import org.caremap.utilization.AuthorizationStatus;
import org.caremap.utilization.CodeSystem;
import org.caremap.utilization.LineDecision;
import org.caremap.utilization.UnitKind;
import org.junit.jupiter.api.Test;

class BookingRulesTest {

	private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
	private static final LocalDate JUL = LocalDate.of(2026, 7, 1);

	private static RateView rate(String payer, String code, LocalDate from, LocalDate to, long cents) {
		return new RateView(UUID.randomUUID(), BookingSource.AUTHORIZATION, payer, code, null, from, to, cents);
	}

	/** The contract rate 80.00 all year, raised to 90.00 from July; Acme's own 100.00 for the first half only. */
	private final List<RateView> rates = List.of(
			rate(null, "G0151", JAN, null, 8000),
			rate(null, "G0151", JUL, null, 9000),
			rate("Acme Health", "G0151", JAN, LocalDate.of(2026, 6, 30), 10000));

	@Test
	void theRateInForceOnTheDayPricesItAndThePayersOwnRateWins() {
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, "Other Plan", "G0151", LocalDate.of(2026, 6, 30)))
			.map(RateView::centsPerUnit).contains(8000L);
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, "Other Plan", "g0151", JUL))
			.map(RateView::centsPerUnit).contains(9000L);
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, "acme health", "G0151", LocalDate.of(2026, 6, 30)))
			.map(RateView::centsPerUnit).contains(10000L);
		// Acme's own rate ended: the contract's rate of the day applies
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, "Acme Health", "G0151", JUL))
			.map(RateView::centsPerUnit).contains(9000L);
		// before any rate, another code, another source: none
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, "Acme Health", "G0151", LocalDate.of(2025, 12, 31))).isEmpty();
		assertThat(BookingRules.rate(rates, BookingSource.AUTHORIZATION, null, "97110", JUL)).isEmpty();
		assertThat(BookingRules.rate(rates, BookingSource.TRANSPORT, null, "G0151", JUL)).isEmpty();
	}

	@Test
	void costIsUnitsTimesRateRoundedToTheCentAndNothingWithoutARate() {
		RateView r = rate(null, "G0151", JAN, null, 8000);
		assertThat(BookingRules.cost(BigDecimal.valueOf(12), r)).isEqualTo(96000L);
		assertThat(BookingRules.cost(BookingRules.hours(25), rate(null, "CLINICAL_STAFF", JAN, null, 6000))).isEqualTo(2500L);
		assertThat(BookingRules.cost(BookingRules.hours(30), rate(null, "CLINICAL_STAFF", JAN, null, 6001))).isEqualTo(3001L);
		assertThat(BookingRules.cost(BigDecimal.TEN, null)).isNull();
	}

	@Test
	void aCommitmentIsWhatWasArrangedLessWhatWasSpent() {
		assertThat(BookingRules.openUnits(BigDecimal.valueOf(12), BigDecimal.ZERO)).isEqualByComparingTo("12");
		assertThat(BookingRules.openUnits(BigDecimal.valueOf(12), BigDecimal.valueOf(5))).isEqualByComparingTo("7");
		assertThat(BookingRules.openUnits(BigDecimal.valueOf(12), BigDecimal.valueOf(12))).isEqualByComparingTo("0");
		// used beyond the approval: nothing stays committed, never less than nothing
		assertThat(BookingRules.openUnits(BigDecimal.valueOf(12), BigDecimal.valueOf(14))).isEqualByComparingTo("0");
	}

	private static AuthorizationDecided decided(AuthorizationStatus status, DecidedLine... lines) {
		return new AuthorizationDecided(new PatientId(UUID.randomUUID()), UUID.randomUUID(), status, "Acme Health", "Home nursing",
				Instant.parse("2026-03-10T15:00:00Z"), null, List.of(lines));
	}

	private static DecidedLine line(UUID id, LineDecision decision, int approved, LocalDate from) {
		return new DecidedLine(id, CodeSystem.HCPCS, "G0151", UnitKind.VISIT, decision, approved, 0, from, from == null ? null : from.plusDays(89));
	}

	@Test
	void anApprovedLineCommitsItsUnitsFromTheFirstDayOfTheApprovedPeriod() {
		UUID l = UUID.randomUUID();
		ProgramId program = new ProgramId(UUID.randomUUID());
		List<BudgetBook.Entry> entries = BookingRules.decision(decided(AuthorizationStatus.APPROVED, line(l, LineDecision.APPROVED, 12,
				LocalDate.of(2026, 3, 15))), LocalDate.of(2026, 3, 10), day -> program, key -> false);
		assertThat(entries).singleElement().satisfies(e -> {
			assertThat(e.key()).isEqualTo("AUTH_LINE:" + l);
			assertThat(e.kind()).isEqualTo(BookingRow.Kind.COMMITMENT);
			assertThat(e.arranged()).isEqualByComparingTo("12");
			assertThat(e.bookedOn()).isEqualTo(LocalDate.of(2026, 3, 15));
			assertThat(e.program()).isEqualTo(program);
			assertThat(e.payer()).isEqualTo("Acme Health");
			assertThat(e.released()).isFalse();
		});
	}

	@Test
	void aDeniedOrWithdrawnAuthorizationReleasesItsCommitmentAndBooksNothingNew() {
		UUID l = UUID.randomUUID();
		String key = "AUTH_LINE:" + l;
		// approved first, then withdrawn: the commitment is released
		List<BudgetBook.Entry> withdrawn = BookingRules.decision(decided(AuthorizationStatus.WITHDRAWN,
				line(l, LineDecision.APPROVED, 12, LocalDate.of(2026, 3, 15))), LocalDate.of(2026, 4, 1), day -> null, Set.of(key)::contains);
		assertThat(withdrawn).singleElement().satisfies(e -> {
			assertThat(e.released()).isTrue();
			assertThat(e.releasedReason()).isEqualTo("budget.released.withdrawn");
		});
		// denied straight away: nothing was committed, nothing is booked
		assertThat(BookingRules.decision(decided(AuthorizationStatus.DENIED, line(l, LineDecision.DENIED, 0, null)),
				LocalDate.of(2026, 3, 10), day -> null, key2 -> false)).isEmpty();
		// partially approved: the denied line books nothing, the approved one commits
		UUID approved = UUID.randomUUID();
		List<BudgetBook.Entry> partial = BookingRules.decision(decided(AuthorizationStatus.PARTIALLY_APPROVED,
				line(approved, LineDecision.PARTIAL, 6, LocalDate.of(2026, 3, 15)), line(l, LineDecision.DENIED, 0, null)),
				LocalDate.of(2026, 3, 10), day -> null, key2 -> false);
		assertThat(partial).singleElement().satisfies(e -> {
			assertThat(e.key()).isEqualTo("AUTH_LINE:" + approved);
			assertThat(e.arranged()).isEqualByComparingTo("6");
			assertThat(e.released()).isFalse();
		});
		// an appeal overturned the denial: the commitment holds again
		assertThat(BookingRules.decision(decided(AuthorizationStatus.APPROVED, line(l, LineDecision.APPROVED, 4, LocalDate.of(2026, 5, 1))),
				LocalDate.of(2026, 5, 1), day -> null, Set.of(key)::contains))
			.singleElement().satisfies(e -> assertThat(e.released()).isFalse());
	}

	@Test
	void expiredReleasesAndStillWaitingCommitsNothing() {
		assertThat(BookingRules.releasedBecause(AuthorizationStatus.EXPIRED, LineDecision.APPROVED)).isEqualTo("budget.released.expired");
		assertThat(BookingRules.releasedBecause(AuthorizationStatus.DENIED, LineDecision.DENIED)).isEqualTo("budget.released.denied");
		assertThat(BookingRules.releasedBecause(AuthorizationStatus.PENDED, LineDecision.PENDING)).isEqualTo("budget.released.notDecided");
		assertThat(BookingRules.releasedBecause(AuthorizationStatus.APPROVED, LineDecision.APPROVED)).isNull();
		assertThat(BookingRules.releasedBecause(AuthorizationStatus.PARTIALLY_APPROVED, LineDecision.DENIED)).isEqualTo("budget.released.denied");
	}
}
