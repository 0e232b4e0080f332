package org.caremap.referral;

import java.time.Instant;
import java.util.List;

import org.caremap.program.ProgramId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/** A referral with its history. */
public record ReferralView(ReferralId id, PatientId patient, ProgramId program, ReferralSource source,
		@Nullable String sourceName, @Nullable String sourceContact, String reason, Urgency urgency,
		ReferralStatus status, Instant receivedAt, @Nullable UserId claimedBy, @Nullable Instant claimedAt,
		@Nullable String decisionReason, @Nullable Instant decidedAt, @Nullable String caseId, List<Step> history,
		List<Attachment> attachments) {

	public ReferralView {
		history = List.copyOf(history);
		attachments = List.copyOf(attachments);
	}

	/** One change of status, with who made it and why. */
	public record Step(@Nullable ReferralStatus from, ReferralStatus to, @Nullable String note, Instant at, String by) {
	}

	/** A source document kept with the referral. */
	public record Attachment(java.util.UUID id, String filename, String contentType, long size, Instant uploadedAt,
			String uploadedBy) {
	}
}
