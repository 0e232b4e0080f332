package org.caremap.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One discharge's 30-day transition as the tracker shows it: its steps and the TCM evidence.
 *
 * @param status OPEN, ENDED (the period passed, or a readmission ended it) or CANCELLED (the hospital cancelled the
 *        discharge)
 * @param pausedSince when the case went on hold, while it is (the clocks are stopped)
 * @param pausedDays the whole days the clocks were stopped by holds that ended
 */
public record TrackedTransition(UUID encounter, PatientId patient, @Nullable UUID caseId, Instant dischargedAt,
		boolean highComplexity, String status, @Nullable Instant pausedSince, long pausedDays, @Nullable Instant readmittedAt,
		List<Step> steps, Tcm tcm) {

	/** Where a step stands. */
	public enum State {
		PENDING, BOOKED, MET, LATE, MISSED, PAUSED, CANCELLED
	}

	/** The complexity of medical decision making, as the clinician judged it. */
	public enum DecisionMaking {
		STRAIGHTFORWARD, LOW, MODERATE, HIGH
	}

	/**
	 * A step: CONTACT, RECONCILIATION or VISIT; when it is due; when it was met and by what; a note (attempts made, the
	 * visit booked).
	 */
	public record Step(String key, State state, Instant due, @Nullable Instant metAt, @Nullable String evidence,
			@Nullable String note) {
	}

	/**
	 * The TCM evidence: the service period (the discharge day and the next 29), the interactive contact's date or the
	 * attempts documented, the face-to-face visit's date and its day in the period, the reconciliation's date, the
	 * decision making entered and by whom, a readmission inside the period, and the code the evidence supports
	 * (99495 or 99496) or, with none, why.
	 */
	public record Tcm(LocalDate periodStart, LocalDate periodEnd, @Nullable LocalDate contactDate, int attempts,
			@Nullable LocalDate visitDate, @Nullable Integer visitDay, @Nullable LocalDate reconciliationDate,
			@Nullable DecisionMaking decisionMaking, @Nullable String decisionBy, @Nullable LocalDate readmittedOn,
			@Nullable String code, List<Reason> reasons) {
	}

	/** Why the evidence supports no code (yet): a message of the bundle and its arguments (dates as days). */
	public record Reason(String code, List<Object> arguments) {

		public Reason(String code, Object... arguments) {
			this(code, List.of(arguments));
		}

		/** The arguments as the page's message lookup takes them. */
		public Object[] args() {
			return arguments.toArray();
		}
	}

	/** A step by key. */
	public @Nullable Step step(String key) {
		return steps.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
	}
}
