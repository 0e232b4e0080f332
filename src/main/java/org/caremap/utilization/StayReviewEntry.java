package org.caremap.utilization;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One review recorded on a stay, as recorded (the database refuses to change it). */
public record StayReviewEntry(UUID id, UUID review, LocalDate reviewedOn, int dayOfStay, LevelOfCare levelOfCare,
		boolean criteriaMet, CriteriaSet criteriaSet, @Nullable String criteriaName, @Nullable String criteriaReference,
		String necessityNote, int avoidableDays, @Nullable AvoidableDayReason avoidableReason, List<DischargeBarrier> barriers,
		@Nullable String barriersNote, LocalDate nextReviewOn, Instant recordedAt, String recordedBy) {

	public StayReviewEntry {
		barriers = List.copyOf(barriers);
	}

	/** The criteria set in words for a list: "InterQual", "MCG" or the name of the other set. */
	public String criteriaLabel() {
		return switch (criteriaSet) {
			case INTERQUAL -> "InterQual";
			case MCG -> "MCG";
			case OTHER -> criteriaName == null ? "Other" : criteriaName;
		};
	}
}
