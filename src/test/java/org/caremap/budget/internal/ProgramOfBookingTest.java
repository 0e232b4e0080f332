package org.caremap.budget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.Acuity;
import org.caremap.caseload.CaseId;
import org.caremap.caseload.CaseStatus;
import org.caremap.caseload.CaseView;
import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.junit.jupiter.api.Test;

/** Which program a booking goes to: the case open on the day (the latest started), else the latest case. */
class ProgramOfBookingTest {

	private static final PatientId PATIENT = new PatientId(UUID.randomUUID());
	private final ProgramId transitions = new ProgramId(UUID.randomUUID());
	private final ProgramId chronic = new ProgramId(UUID.randomUUID());
	private final ProgramId behavioural = new ProgramId(UUID.randomUUID());

	private static CaseView kase(ProgramId program, LocalDate start, LocalDate closed) {
		return new CaseView(new CaseId(UUID.randomUUID()), PATIENT, program, null, new UserId(UUID.randomUUID()),
				closed == null ? CaseStatus.ACTIVE : CaseStatus.CLOSED, start, null, null, closed, null, null, Acuity.MODERATE,
				"test", null, List.of(), List.of());
	}

	@Test
	void theCaseOpenOnTheDayTakesTheBooking() {
		List<CaseView> cases = List.of(kase(transitions, LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 20)),
				kase(chronic, LocalDate.of(2026, 2, 1), null), kase(behavioural, LocalDate.of(2026, 5, 1), null));
		assertThat(BudgetListeners.programOn(cases, LocalDate.of(2026, 1, 20))).isEqualTo(transitions);
		// two open on the day: the latest started
		assertThat(BudgetListeners.programOn(cases, LocalDate.of(2026, 2, 10))).isEqualTo(chronic);
		assertThat(BudgetListeners.programOn(cases, LocalDate.of(2026, 2, 20))).isEqualTo(chronic);
		assertThat(BudgetListeners.programOn(cases, LocalDate.of(2026, 6, 1))).isEqualTo(behavioural);
		// before any case: the latest case
		assertThat(BudgetListeners.programOn(cases, LocalDate.of(2025, 12, 1))).isEqualTo(behavioural);
		assertThat(BudgetListeners.programOn(List.of(), LocalDate.of(2026, 6, 1))).isNull();
	}
}
