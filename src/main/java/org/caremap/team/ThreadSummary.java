package org.caremap.team;

import java.time.Instant;
import java.util.UUID;

import org.caremap.caseload.CaseId;
import org.caremap.shared.PatientId;

/** A thread in a list: its subject, last message, how many messages and how many the reader has not read. */
public record ThreadSummary(UUID id, PatientId patient, CaseId caseId, String subject, Instant lastPostedAt, String lastAuthor,
		int messages, int unread, boolean urgentUnread, boolean withPatient) {
}
