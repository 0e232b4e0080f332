package org.caremap.transition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A stay or visit with what Caremap made of it: LACE, the readmission mark, the transition clocks, the checklist. */
public record EncounterView(UUID id, String facility, @Nullable String visitNumber, String patientClass,
		@Nullable String location, @Nullable String admissionType, String status, @Nullable Instant admittedAt,
		@Nullable Instant dischargedAt, @Nullable String disposition, @Nullable Integer lace, @Nullable String laceDetail,
		boolean readmission, List<String> diagnoses, @Nullable Instant admitNotifiedAt, @Nullable Clocks clocks,
		Map<ChecklistItem, Check> checklist) {

	public EncounterView {
		diagnoses = List.copyOf(diagnoses);
		checklist = Map.copyOf(checklist);
	}

	/** The 30-day transitional care period after the discharge of an enrolled patient. */
	/**
	 * The clocks of a discharge's 30-day transition, with when each step was met (null while it is not) and since
	 * when the clocks are paused (the case on hold).
	 */
	public record Clocks(Instant contactDue, Instant visitDue, Instant periodEnds, boolean highComplexity, String status,
			@Nullable Instant contactMet, @Nullable Instant reconciled, @Nullable Instant visited, @Nullable Instant pausedSince) {
	}

	/** One line of the discharge-planning checklist, as last recorded. */
	public record Check(boolean done, @Nullable String note, Instant at, String by) {
	}

	/** What must be ready before a patient goes home. */
	public enum ChecklistItem {
		POST_ACUTE_SERVICES, EQUIPMENT, HOME_HEALTH, FOLLOW_UP_BOOKED, MEDICATIONS, EDUCATION, TRANSPORT, CAREGIVER_READY
	}
}
