package org.caremap.community;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Closed-loop referrals to community services. Staff send, read and work them with the patient's record opened to
 * them (read; contribute for a change) and every read and change audited; the organisation answers through its
 * single-referral link (no account) and a system through the FHIR Task. Each change of status is one guarded update
 * along {@link ReferralStatus.Action}; a refused one throws a {@code DomainException} that says why.
 */
public interface CommunityReferrals {

	/** Sends the referral: snapshots the service and what was consented, makes the organisation's link, e-mails it. */
	UUID send(NewCommunityReferral referral);

	Optional<CommunityReferralView> find(UUID id);

	/** Whether a referral of this patient needs a 42 CFR Part 2 consent (an open case in a Part 2 program). */
	boolean needsPart2Consent(PatientId patient);

	List<CommunityReferralView> ofPatient(PatientId patient);

	/** The current user's referrals still waiting for the organisation, overdue first; then the recently closed ones. */
	List<CommunityReferralRow> mine(int limit);

	/**
	 * A change made by staff: cancelling it (with the reason), or recording an answer the organisation gave by phone
	 * (accept, decline with the reason, in progress, close with the outcome). {@code expectedVersion} is the version
	 * the page showed (a stale change is refused).
	 */
	void act(UUID id, ReferralStatus.Action action, @Nullable String reason, @Nullable ReferralOutcome outcome,
			@Nullable String note, int expectedVersion);

	/** Makes a new link for the organisation (the old one stops working) and e-mails it again. */
	void resendLink(UUID id);

	/** The patient's social need or care-plan intervention a referral may start from (for the form). */
	Optional<ReferralOrigin> origin(PatientId patient, ReferralOrigin.Kind kind, UUID id);

	/** The service as a referral to it would be sent (for the form); empty when unknown or retired. */
	Optional<ServicePreview> preview(UUID service);

	/** The service as the referral form shows it before sending. */
	record ServicePreview(UUID id, String name, String organizationName, @Nullable String address, @Nullable String phone,
			@Nullable String hours, boolean acceptsReferralsByEmail) {
	}

	/** The referral's patient document (what was sent, to whom, where, when, how to get there) as a PDF, en or es. */
	byte[] patientCopy(UUID id, String language);

	/** The referrals a FHIR client may see: one patient's (read access checked and audited). */
	List<CommunityReferralView> search(PatientId patient);

	/**
	 * A system with a FHIR token updates the Task: the status it moves to (one step of the table), the reason, and the
	 * outcome when it closes it. The system needs contribute access to the patient's record.
	 */
	void updateFromSystem(UUID id, ReferralStatus to, @Nullable String reason, @Nullable ReferralOutcome outcome);

	/** Referrals per need and organisation sent in the period, the share closed, median days to close, needs met (supervisors). */
	Report report(LocalDate from, LocalDate to);

	record Report(LocalDate from, LocalDate to, Line total, List<Line> byNeed, List<Line> byOrganization) {
	}

	/** One line of the report: what it counts (a need code or an organisation's name) and the figures. */
	record Line(String label, long sent, long closed, long delivered, long open, @Nullable Double medianDaysToClose) {

		public int closedPercent() {
			return sent == 0 ? 0 : (int) Math.round(100.0 * closed / sent);
		}
	}
}
