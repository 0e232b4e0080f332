package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;
import org.caremap.shared.UserId;

/**
 * The patient (or a proxy) wrote to the case team in the portal: it counts as reaching the patient for the follow-up
 * cadence (the contact module logs it), and a message with words about self-harm ({@code urgentWords}) makes a STAT
 * safety task for the case manager (the task module). Keyed by the message id.
 */
public record PatientMessagePosted(UUID message, UUID thread, PatientId patient, CaseId caseId, UserId caseManager,
		boolean proxy, String authorName, String subject, boolean urgentWords, Instant postedAt) {
}
