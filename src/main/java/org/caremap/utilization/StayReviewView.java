package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The concurrent review of one inpatient stay as the queue and the stay's page show it: the stay, the payer, the
 * expected length of stay and what it was taken from, the reviewer, the next review date, the latest review's
 * outcome, and (computed on the organisation's calendar when read) the day of stay and how many business days the
 * next review is away ({@code dueIn}: 0 today, 2 in two business days, -1 one business day late).
 */
public record StayReviewView(UUID id, UUID encounter, PatientId patient, String facility, @Nullable String location,
		@Nullable String admissionType, Instant admittedAt, String payer, @Nullable String plan, @Nullable String memberId,
		int expectedDays, String expectedBasis, @Nullable UserId reviewer, StayReviewStatus status, LocalDate nextReviewOn,
		int reviews, @Nullable Instant lastReviewAt, @Nullable Boolean lastMet, @Nullable Instant dischargedAt,
		@Nullable Instant closedAt, @Nullable String closeReason, int version, int dayOfStay, int dueIn) {

	public boolean open() {
		return status == StayReviewStatus.OPEN;
	}

	public boolean overdue() {
		return open() && dueIn < 0;
	}

	/** What the expected length of stay was taken from: {@code diagnosis}, {@code admission-type} or {@code default}. */
	public String basisKind() {
		int colon = expectedBasis.indexOf(':');
		return colon < 0 ? expectedBasis : expectedBasis.substring(0, colon);
	}

	/** The code it was taken from (the diagnosis, the admission type), or empty. */
	public String basisValue() {
		int colon = expectedBasis.indexOf(':');
		return colon < 0 ? "" : expectedBasis.substring(colon + 1);
	}

	/** The patient has been in longer than expected. */
	public boolean beyondExpected() {
		return dayOfStay > expectedDays;
	}
}
