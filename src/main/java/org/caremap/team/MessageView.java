package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * One message with who it went to and when they read it; {@code by}: a staff member, or the patient or a proxy in the
 * portal (then {@code author} is their portal account).
 */
public record MessageView(UUID id, UUID thread, String subject, CaseId caseId, PatientId patient, UserId author,
		String authorName, String body, boolean urgent, Instant postedAt, List<Receipt> receipts, List<AttachmentInfo> attachments,
		By by) {

	public MessageView {
		receipts = List.copyOf(receipts);
		attachments = List.copyOf(attachments);
	}

	/** A recipient and when they read the message (null: not yet). */
	public record Receipt(UserId user, String name, boolean outside, @Nullable Instant readAt) {
	}

	/** Who wrote a message. */
	public enum By {
		STAFF, PATIENT, PROXY
	}

	public record AttachmentInfo(UUID id, String filename, String contentType, int size) {
	}
}
