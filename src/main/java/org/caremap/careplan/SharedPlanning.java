package org.caremap.careplan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Shared care planning: the patient proposes a goal in their own words in the portal; the case manager adopts it
 * into the plan (a new version, the goal expressed by the patient, FHIR Goal.expressedBy) or declines it with a reason
 * the patient reads; the patient accepts or declines the goals the team proposed and the interventions it planned,
 * each answer recorded in the next version. The patient acts for themselves only (a proxy, another patient or a staff
 * member is refused in the portal's calls, audited, thrown as {@code AccessDeniedException}); the team's calls need
 * the record's WRITE purpose.
 */
public interface SharedPlanning {

	/** The patient proposes a goal on their current plan (the latest open case's); returns the proposal. */
	UUID propose(PatientId patient, String text, @Nullable String why);

	/** The patient's proposals, latest first (the team with READ; the patient themselves in the portal). */
	List<Proposal> proposals(PatientId patient);

	/** The team adopts the proposal as a goal of the plan, in the patient's words, with a measurable target. */
	int adopt(UUID proposal, String target, @Nullable LocalDate targetDate);

	/** The team declines the proposal, saying why (the patient reads the reason). */
	void decline(UUID proposal, String reason);

	/**
	 * The patient's answer to a goal the team proposed (lifecycle PROPOSED: accepted becomes ACCEPTED, declined
	 * CANCELLED) or to a planned intervention not answered yet; recorded in a new version. Returns its number. No
	 * answer (null) is refused once the patient's right to answer was checked.
	 */
	int respond(PatientId patient, UUID plan, UUID item, CarePlanContent.@Nullable Answer answer);

	/** A goal the patient proposed. */
	record Proposal(UUID id, UUID plan, PatientId patient, String text, @Nullable String why, String proposedBy,
			Status status, @Nullable UUID goal, @Nullable String decidedBy, @Nullable Instant decidedAt,
			@Nullable String declineReason, Instant proposedAt) {
	}

	/** Where a proposal is: the transitions are {@link #next()}, guarded in SQL. */
	enum Status {
		PROPOSED, ADOPTED, DECLINED;

		public Set<Status> next() {
			return this == PROPOSED ? Set.of(ADOPTED, DECLINED) : Set.of();
		}
	}
}
