package org.caremap.contact;

import java.time.Instant;
import java.util.UUID;

import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Feedback or a complaint from a patient or family, and how it was followed up; {@code part2}: recorded in a case of a
 * 42 CFR Part 2 program.
 */
public record FeedbackView(UUID id, PatientId patient, Sentiment sentiment, Category category, String description,
		@Nullable UserId followUpOwner, boolean resolved, @Nullable String outcome, Instant receivedAt, String by,
		boolean part2) {

	/** Praise or complaint. */
	public enum Sentiment {
		POSITIVE, NEGATIVE
	}

	/** What the feedback is about. */
	public enum Category {
		CARE_QUALITY, ACCESS, COMMUNICATION, STAFF, BILLING, SAFETY, OTHER
	}
}
