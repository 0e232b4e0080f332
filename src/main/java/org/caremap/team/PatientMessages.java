package org.caremap.team;

import java.util.List;
import java.util.UUID;

import org.caremap.shared.PatientId;

/**
 * Messages between the patient (or a proxy the patient lets see everything) and the case team, as the portal reads
 * and writes them: only the threads the team shares with the patient, only for the portal principal's own patient
 * (their principal's, for a proxy). Reading needs the record's READ purpose, writing CONTRIBUTE (the portal's access
 * rule decides); a proxy reaches the messages only while the patient lets them see everything. Refusals are audited and
 * thrown as Spring Security's {@code AccessDeniedException}. A message that speaks of self-harm is marked urgent and
 * answered with whom to call now ({@link Posted#urgentWords()}).
 */
public interface PatientMessages {

	/** Whether the portal principal may read the patient's messages (a page shows the section or not; nothing thrown). */
	boolean mayRead(PatientId patient);

	/** The threads shared with the patient, latest first, each with how many of the team's messages the reader has not read. */
	List<ThreadSummary> threads(PatientId patient);

	/**
	 * One shared thread and its messages; what the care team wrote in it counts as read by this portal account from
	 * then on.
	 */
	ThreadView open(PatientId patient, UUID thread);

	/** How many of the care team's messages in the shared threads this portal account has not read. */
	long unread(PatientId patient);

	/** A new thread to the case team (on the patient's latest open case) with its first message. */
	Posted start(PatientId patient, String subject, String text);

	/** A reply in a shared thread. */
	Posted post(PatientId patient, UUID thread, String text);

	/** What was written, and whether it held words about self-harm (the page says whom to call now). */
	record Posted(UUID thread, UUID message, boolean urgentWords) {
	}
}
