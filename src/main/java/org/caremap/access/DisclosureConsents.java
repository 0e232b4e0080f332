package org.caremap.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * A patient's consents to disclose their 42 CFR Part 2 records: who may receive what for which purpose until when.
 * Recorded and revoked by the people who care for the patient within the program (or a supervisor); each change is
 * audited; a revoked consent stays on record.
 */
public interface DisclosureConsents {

	/** Who receives: a Caremap user, a system calling the API, or someone outside (a named person or body). */
	enum RecipientKind {
		STAFF, API_CLIENT, OUTSIDE
	}

	/** What the recipient may use the records for; one consent may cover treatment, payment and operations. */
	enum Purpose {
		TREATMENT_PAYMENT_OPERATIONS, TREATMENT, PAYMENT, OPERATIONS, RESEARCH, OTHER;

		/** Whether a consent for this purpose covers reading for care (treatment). */
		public boolean coversTreatment() {
			return this == TREATMENT || this == TREATMENT_PAYMENT_OPERATIONS;
		}
	}

	/** A consent as it is shown. */
	record ConsentView(UUID id, PatientId patient, RecipientKind recipientKind, @Nullable UserId recipientUser,
			@Nullable String recipientKey, String recipientName, Purpose purpose, @Nullable String purposeText,
			String what, LocalDate validFrom, LocalDate validUntil, LocalDate signedOn, String signedBy, boolean revoked,
			@Nullable Instant revokedAt, @Nullable String revokedBy, @Nullable String revokeReason, Instant recordedAt,
			String recordedBy) {

		/** Whether the consent is in force on this day. */
		public boolean inForce(LocalDate day) {
			return !revoked && !day.isBefore(validFrom) && !day.isAfter(validUntil);
		}
	}

	/**
	 * A consent to record. {@code recipientUser} names a Caremap user ({@code STAFF}), {@code recipientKey} an API
	 * client's id ({@code API_CLIENT}); {@code recipientName} is how the recipient is named on the consent.
	 */
	record NewConsent(RecipientKind recipientKind, @Nullable UserId recipientUser, @Nullable String recipientKey,
			String recipientName, Purpose purpose, @Nullable String purposeText, String what, LocalDate validFrom,
			LocalDate validUntil, LocalDate signedOn, String signedBy) {
	}

	/** The patient's consents, in force first, newest first (the reader must be able to read the patient). */
	List<ConsentView> of(PatientId patient);

	Optional<ConsentView> find(UUID consent);

	/** Records a consent; refused unless the current user cares for the patient within a Part 2 program. */
	ConsentView record(PatientId patient, NewConsent consent);

	/** Revokes a consent with the patient's stated reason; a revoked consent cannot be revoked again. */
	ConsentView revoke(UUID consent, String reason);

	/** Whether the current user may record and revoke the patient's consents. */
	boolean mayManage(PatientId patient);

	/** Refuses (and audits the refusal) unless the current user may record and revoke the patient's consents. */
	void requireManage(PatientId patient);
}
