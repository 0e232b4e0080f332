package org.caremap.utilization;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A review the reviewer records: the level of care and whether the criteria met it, the criteria set (and its name
 * when another set), the reviewer's reference in it, the medical-necessity note, avoidable days with their reason,
 * discharge barriers and the next review date. The rules (a reason for avoidable days, a next review date on a coming
 * business day, sizes) are checked by {@link ConcurrentReviews#record}, each refusal naming its field.
 */
public record NewStayReviewEntry(LevelOfCare levelOfCare, boolean criteriaMet, CriteriaSet criteriaSet,
		@Nullable String criteriaName, @Nullable String criteriaReference, String necessityNote, int avoidableDays,
		@Nullable AvoidableDayReason avoidableReason, List<DischargeBarrier> barriers, @Nullable String barriersNote,
		LocalDate nextReviewOn) {

	public NewStayReviewEntry {
		barriers = List.copyOf(barriers);
	}
}
