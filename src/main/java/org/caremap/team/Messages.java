package org.caremap.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;
import org.jspecify.annotations.Nullable;

/**
 * Secure message threads per case. Only the case team (the case manager, staff members, members from outside who sign
 * in), the supervisors of the patient's program and a reader who broke the glass see a thread; each read and post is
 * audited, and a refusal is audited and thrown as Spring Security's {@code AccessDeniedException}.
 */
public interface Messages {

	/** Refuses (throws, audited) unless the current user may see the patient's threads, or post in them. */
	void requireThreads(PatientId patient, boolean post);

	/** Starts a thread on the case with its first message; returns the thread's id. */
	UUID start(PatientId patient, CaseId caseId, String subject, NewMessage first);

	/**
	 * Starts a thread on the case with its first message; {@code withPatient}: the thread is shared with the patient
	 * (and the proxies the patient lets see everything), who read and answer it in the portal.
	 */
	UUID start(PatientId patient, CaseId caseId, String subject, NewMessage first, boolean withPatient);

	/** Posts a message in a thread; returns the message's id. */
	UUID post(PatientId patient, UUID thread, NewMessage message);

	/** The thread with its messages, receipts and attachments; opening it marks the reader's messages read. */
	ThreadView open(PatientId patient, UUID thread);

	/** The patient's threads the reader may see, latest first, with the reader's unread count. */
	List<ThreadSummary> ofPatient(PatientId patient);

	/**
	 * How many of the patient's threads are about cases in 42 CFR Part 2 programs the reader is outside of (left out of
	 * {@link #ofPatient}; a page says how many).
	 */
	int withheldThreads(PatientId patient);

	/** The threads of every patient where the current user was sent a message, latest first. */
	List<ThreadSummary> mine();

	/** Which patient a thread is about, once the reader's access to the thread was checked (refused otherwise). */
	Optional<PatientId> patientOf(UUID thread);

	Optional<AttachmentContent> attachment(PatientId patient, UUID thread, UUID attachment);

	/** Messages sent to this user and not read yet. */
	long unread(UserId user);

	Optional<MessageView> message(UUID id);

	/**
	 * The messages the reader may see (FHIR Communication search), newest first then by id, as keys: at most
	 * {@code limit} of them, and how many there are in all; of one patient, or (null) of every patient the reader may
	 * read; posted within the bounds (either may be open). Paged in SQL; none (not a refusal) for a reader who may not
	 * see the threads. The messages themselves are read with {@link #message} (checked and audited there).
	 */
	ExchangePage forExchange(@Nullable PatientId patient, @Nullable Instant from, @Nullable Instant to, int limit);

	record ExchangePage(List<Key> keys, long total) {

		public ExchangePage {
			keys = List.copyOf(keys);
		}

		public record Key(UUID id, Instant postedAt) {
		}
	}

	/** A message to post. */
	record NewMessage(String body, boolean urgent, @Nullable Upload attachment) {

		public NewMessage {
			if (body == null || body.isBlank()) throw new IllegalArgumentException("a message has a text");
		}
	}

	/** A file attached to a message as uploaded. */
	record Upload(String filename, String contentType, byte[] content) {
	}

	record AttachmentContent(String filename, String contentType, byte[] content) {
	}
}
