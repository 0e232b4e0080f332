package org.caremap.utilization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.identity.UserView;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * Concurrent review of inpatient stays. A reviewer works the stays they are assigned (their care relationship of kind
 * utilization review opens the patient's record to them, for reading); a supervisor sees every open stay and
 * reassigns. Every read of a patient's stay is audited; a refusal is audited and thrown.
 */
public interface ConcurrentReviews {

	/**
	 * The open stays, the next review soonest first (then the longest in hospital): a reviewer's own, or for a
	 * supervisor every one the query keeps; one page of at most {@code limit} from {@code offset}.
	 */
	ReviewQueuePage queue(ReviewQueueQuery query, int offset, int limit);

	/** One stay's review (the patient's record must be open to the reader). */
	Optional<StayReviewView> find(UUID review);

	/** The reviews recorded on a stay, the latest first (authorized like {@link #find}). */
	List<StayReviewEntry> entries(UUID review);

	/**
	 * The stay's page in the reviewers' area: the review with its history when the reader may read the patient's
	 * record; for a supervisor who may not, the review as the queue shows it (to reassign it), without the history.
	 */
	Optional<StayReviewWork> work(UUID review);

	/** A patient's stays under review, the latest admission first, with their recorded reviews. */
	List<StayReviewView> ofPatient(PatientId patient);

	/**
	 * Records a review: by the stay's reviewer (or a supervisor who may read the patient's record), on an open stay, at
	 * the version shown; the next review date becomes the stay's, and {@link StayReviewRecorded} is published.
	 */
	UUID record(UUID review, NewStayReviewEntry entry, int version);

	/** Gives the stay to another reviewer, with the reason (supervisors only). */
	void reassign(UUID review, UserId reviewer, String reason);

	/** The people who review stays (enabled accounts with the utilization review role), by name (supervisors). */
	List<UserView> reviewers();

	/** Which payers' stays go to whom (supervisors), by payer. */
	List<PayerReviewer> payerReviewers();

	/**
	 * Sends the stays of a payer admitted from now on to this reviewer, or (reviewer null) to the least loaded reviewer
	 * again (supervisors). Stays already under review keep their reviewer.
	 */
	void namePayerReviewer(String payer, @org.jspecify.annotations.Nullable UserId reviewer);

	/** The payers of the open stays, for the supervisor's filter. */
	List<String> openPayers();

	/**
	 * Where a review stands, for the module that makes its work (no patient data): its status, reviewer, next review
	 * date and the key of the current round of work.
	 */
	Optional<ReviewState> state(UUID review);

	/** What the work of a review needs to know. {@code round} changes with each recorded review and each reopening. */
	record ReviewState(UUID review, PatientId patient, StayReviewStatus status, @org.jspecify.annotations.Nullable UserId reviewer,
			java.time.LocalDate nextReviewOn, String round, String facility, int reviews) {
	}
}
