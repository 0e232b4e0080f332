package org.caremap.referral;

import java.util.List;
import java.util.Optional;

import org.caremap.shared.UserId;

/**
 * The referral queue and its decisions. Each change of status is named after its intent and allowed only from
 * the statuses {@link ReferralStatus#next()} permits; a refused change throws a {@code DomainException} whose
 * message says why.
 */
public interface Referrals {

	ReferralId receive(NewReferral referral);

	Optional<ReferralView> find(ReferralId id);

	/**
	 * One page of the referrals matching the search, oldest first, for systems (the FHIR API). Intake, supervisors
	 * and Caremap's systems see every referral; anyone else one patient's referrals only with read access to that
	 * patient, and in a wider search only those of patients they may read. Every referral returned is audited as read.
	 */
	ReferralPage search(ReferralSearch search, int offset, int count);

	List<QueueEntry> queue(QueueFilter filter);

	/**
	 * Takes a received referral for screening. When two people claim at once exactly one succeeds; the other is
	 * told who has it, and nothing is overwritten.
	 */
	void claim(ReferralId id);

	/** Puts a referral being screened back in the queue. */
	void release(ReferralId id, String note);

	/** Records the enrolment that screening ended in (called by the caseload when it enrols). */
	void accept(ReferralId id, String caseId);

	void decline(ReferralId id, String reason);

	void withdraw(ReferralId id, String reason);

	void reopen(ReferralId id, String note);

	void attach(ReferralId id, String filename, String contentType, byte[] content);

	Optional<Document> document(ReferralId id, java.util.UUID attachment);

	/** Referrals the user is screening now. */
	long screenedBy(UserId user);

	/** How many referrals wait in the queue for someone to claim them (no patient data). */
	long waiting();

	/** A stored source document. */
	record Document(String filename, String contentType, byte[] content) {
	}
}
